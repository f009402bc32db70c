package dev.partita.devicetree;

/**
 * A device tree blob that cannot be used: malformed, truncated or of an unsupported version.
 * The message is one line, e.g. {@code "malformed DTB: structure block extends past end of file"}.
 */
public final class DeviceTreeException extends RuntimeException {
    public DeviceTreeException(String message) {
        super(message);
    }
}
