package dev.partita.machine;

import dev.partita.devicetree.DeviceTreeException;
import dev.partita.devicetree.FdtReader;
import java.nio.file.Path;

/** Where the machine gets its device tree: generated from the board model, or a user's -dtb file. */
final class DeviceTrees {
    private DeviceTrees() {}

    static byte[] generate(BoardLayout layout) {
        return Ppce500DeviceTree.dtb(layout);
    }

    /** Reads and validates a user's DTB; a malformed one is an {@link ImageException} naming the file. */
    static byte[] readUserDtb(Path p) throws ImageException {
        byte[] b = BootLoader.read(p);
        if (b.length > BootLoader.DTB_MAX_SIZE) {
            throw new ImageException(p + ": device tree is larger than 8 MiB");
        }
        try {
            FdtReader.read(b);
        } catch (DeviceTreeException e) {
            throw new ImageException(p + ": " + e.getMessage());
        }
        return b;
    }
}
