package dev.partita.devices.i2c;

/**
 * One I2C bus: the devices attached to it by 7-bit address, and the transaction the master (a
 * controller such as {@link FslI2c}) is running on it.
 *
 * <p>Controllers drive it with {@link #start}, {@link #write}, {@link #read} and {@link #stop}; the bus
 * routes them to the addressed {@link I2cDevice} and follows the rules of {@link I2cDevice} for
 * repeated STARTs and STOPs. An address with no device NACKs; data bytes written while no device has
 * acknowledged its address are NACKed and data read then is 0xFF (the pulled-up bus). Devices are
 * attached while the machine is built; the guest cannot change the set.
 */
public final class I2cBus {
    /** Number of 7-bit addresses. */
    public static final int ADDRESSES = 128;

    private final I2cDevice[] devices = new I2cDevice[ADDRESSES];
    /** The device of the current transaction (started, not yet stopped), or null. */
    private I2cDevice selected;
    /** Whether the selected device acknowledged the latest address byte. */
    private boolean acked;
    /** Direction of the latest address byte. */
    private boolean reading;

    /**
     * Attaches {@code device} at 7-bit {@code address}.
     *
     * @throws IllegalArgumentException if the address is outside 0..127 or already taken
     */
    public void attach(int address, I2cDevice device) {
        if (address < 0 || address >= ADDRESSES) {
            throw new IllegalArgumentException("I2C address outside 0..0x7f: " + address);
        }
        if (devices[address] != null) {
            throw new IllegalArgumentException(String.format("I2C address 0x%02x is already taken", address));
        }
        devices[address] = java.util.Objects.requireNonNull(device);
    }

    /** The device at {@code address}, or null. */
    public I2cDevice device(int address) {
        return address >= 0 && address < ADDRESSES ? devices[address] : null;
    }

    /**
     * A START (or repeated START, when a transaction is open) followed by the address byte.
     *
     * @param address 7-bit address
     * @param read the R/W bit
     * @return whether a device acknowledged
     */
    public boolean start(int address, boolean read) {
        I2cDevice d = device(address);
        if (selected != null && selected != d) {
            I2cDevice old = selected;
            selected = null;
            old.stop();
        }
        reading = read;
        if (d == null) {
            acked = false;
            return false;
        }
        selected = d;
        acked = d.start(read);
        return acked;
    }

    /** A data byte from the master; returns whether it was acknowledged. */
    public boolean write(int data) {
        if (selected == null || !acked || reading) {
            return false;
        }
        return selected.write(data & 0xFF);
    }

    /**
     * A data byte to the master.
     *
     * @param ack whether the master acknowledges it (false on the last byte of a read)
     */
    public int read(boolean ack) {
        if (selected == null || !acked || !reading) {
            return 0xFF;
        }
        return selected.read(ack) & 0xFF;
    }

    /** A STOP: ends the open transaction, if any. */
    public void stop() {
        I2cDevice d = selected;
        selected = null;
        acked = false;
        if (d != null) {
            d.stop();
        }
    }

    /** Whether a transaction is open (a device has seen a START and no STOP yet). */
    public boolean busy() {
        return selected != null;
    }
}
