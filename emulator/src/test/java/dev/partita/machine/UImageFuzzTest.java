package dev.partita.machine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static dev.partita.machine.MachineFixture.gzip;
import static dev.partita.machine.MachineFixture.uImage;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Mutated uImage headers and gzip streams through the parser: only one-line {@link ImageException}s. */
class UImageFuzzTest {
    private static final long SEED = 0x0B00_7E55L;

    private static void parse(byte[] b) {
        try {
            UImage.parse("fuzz.img", b, 32L << 20);
        } catch (ImageException e) {
            String m = e.getMessage();
            if (m == null || m.contains("\n") || !m.startsWith("fuzz.img: ")) {
                fail("bad message '" + m + "' for " + HexFormat.of().formatHex(b));
            }
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + HexFormat.of().formatHex(b), t);
        }
    }

    @Test
    void mutatedImages() {
        Random r = new Random(SEED);
        byte[] payload = new byte[3000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 / 5);
        }
        byte[][] seeds = {uImage(0x10_0000, 0x10_0000, payload, false), uImage(0x10_0000, 0x10_0000, payload, true)};
        int ok = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] m = seeds[i & 1].clone();
            switch (r.nextInt(4)) {
                case 0 -> m[r.nextInt(m.length)] ^= (byte) (1 + r.nextInt(255)); // anywhere, gzip data included
                case 1 -> m[r.nextInt(64)] = (byte) r.nextInt(); // a header byte
                case 2 -> m = Arrays.copyOf(m, 64 + r.nextInt(m.length - 64)); // cut in the data
                default -> { // the data size field
                    int v = r.nextBoolean() ? r.nextInt() : m.length - 64 + r.nextInt(9) - 4;
                    m[12] = (byte) (v >>> 24);
                    m[13] = (byte) (v >>> 16);
                    m[14] = (byte) (v >>> 8);
                    m[15] = (byte) v;
                }
            }
            m[0] = 0x27; // keep the magic, or the parser is not reached
            m[1] = 0x05;
            m[2] = 0x19;
            m[3] = 0x56;
            parse(m);
            try {
                UImage.parse("x", m, 32L << 20);
                ok++;
            } catch (ImageException expected) {
                // both outcomes must occur
            }
        }
        assertTrue(ok > 400 && ok < 3600, "accepted " + ok);
    }

    @Test
    void randomGzipStreams() {
        Random r = new Random(SEED + 1);
        byte[] gz = gzip(new byte[1000]);
        for (int i = 0; i < 1000; i++) {
            byte[] data;
            if (r.nextBoolean()) { // a valid stream with its deflate data or trailer damaged
                data = gz.clone();
                data[10 + r.nextInt(data.length - 10)] ^= (byte) (1 + r.nextInt(255));
            } else {
                data = new byte[r.nextInt(200)];
                r.nextBytes(data);
                if (data.length > 2) {
                    data[0] = 0x1F; // gzip magic, so the inflater is reached
                    data[1] = (byte) 0x8B;
                }
            }
            parse(uImage(0, 0, 5, 7, 2, 1, data));
        }
    }
}
