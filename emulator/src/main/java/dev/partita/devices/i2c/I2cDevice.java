package dev.partita.devices.i2c;

/**
 * A target (slave) device on an {@link I2cBus}, seen at the level of bus transactions.
 *
 * <p>The bus calls these methods in I2C order: {@link #start} for a START (or a repeated START) addressed
 * to this device, then {@link #write} or {@link #read} per data byte in the direction the address byte
 * chose, and {@link #stop} once to end the transaction. A transaction may contain several
 * {@code start} calls without a {@code stop} between them (repeated START, e.g. "write the register
 * pointer, then read"). {@code stop} is called exactly once after the last {@code start}, when the
 * master sends STOP or addresses a different device; also after a {@code start} the device NACKed.
 *
 * <p>The methods carry whole bytes and acknowledge bits, not bus levels, so an implementation may be a
 * model (an RTC, an EEPROM) or a proxy that forwards the transaction to a real bus (Linux
 * {@code /dev/i2c-N}): such a proxy can buffer the written bytes of a transaction and issue them with
 * the following read as one combined {@code I2C_RDWR} at the repeated START or STOP; the {@code ack}
 * argument of {@link #read} tells it when the master ends a read.
 *
 * <p>Calls come from the thread that runs the guest. Implementations must not throw: a byte the device
 * cannot handle is NACKed ({@code write} returns false) or read as 0xFF.
 */
public interface I2cDevice {
    /**
     * A START or repeated START with this device's address.
     *
     * @param read true for a read transfer (R/W bit 1: the device will transmit), false for a write
     * @return true to acknowledge the address, false to NACK it
     */
    boolean start(boolean read);

    /**
     * A data byte from the master (write transfer).
     *
     * @param data the byte, 0..255
     * @return true to acknowledge it, false to NACK it
     */
    boolean write(int data);

    /**
     * A data byte to the master (read transfer).
     *
     * @param ack whether the master will acknowledge this byte; false means it is the last byte the
     *     master wants before a STOP or repeated START
     * @return the byte, 0..255
     */
    int read(boolean ack);

    /** The end of the transaction (STOP, or the master addressed another device). */
    void stop();
}
