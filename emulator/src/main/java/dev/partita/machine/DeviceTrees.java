package dev.partita.machine;

import java.nio.file.Path;

/** Where the machine gets its device tree: generated from the board model, or a user's -dtb file. */
final class DeviceTrees {
    private DeviceTrees() {}

    static byte[] generate(BoardLayout layout) {
        return new byte[0]; // replaced by the generator once it lands
    }

    static byte[] readUserDtb(Path p) throws ImageException {
        byte[] b = BootLoader.read(p);
        if (b.length < 40 || (b[0] & 0xFF) != 0xD0 || (b[1] & 0xFF) != 0x0D || (b[2] & 0xFF) != 0xFE || (b[3] & 0xFF) != 0xED) {
            throw new ImageException(p + ": not a device tree blob (bad magic)");
        }
        return b;
    }
}
