package dev.partita.machine;

/**
 * A guest image or machine option that cannot be used (missing file, malformed ELF or uImage, an image
 * that does not fit in RAM). The message is one line naming the file and the problem; the CLI prints it
 * as is and exits with status 2.
 */
public final class ImageException extends Exception {
    public ImageException(String message) {
        super(message);
    }
}
