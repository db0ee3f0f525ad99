package io.marketplace.integrations;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Image bodies for the media tests, made on the fly. */
final class Images {

    private Images() {
    }

    static byte[] png(int width, int height) {
        return encode(noisy(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    static byte[] jpeg(int width, int height) {
        return encode(noisy(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A real PNG cut in the middle of its pixel data: the header still says the right size. */
    static byte[] truncated(byte[] image) {
        return Arrays.copyOf(image, image.length * 2 / 3);
    }

    static byte[] gif(int width, int height) {
        return encode(noisy(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    static byte[] webp() {
        byte[] bytes = new byte[64];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
        return bytes;
    }

    static byte[] svg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"272\"></svg>".getBytes(StandardCharsets.UTF_8);
    }

    /** Noisy pixels keep the pixel data most of the file (so truncating it is noticed) and under 2 MiB. */
    private static BufferedImage noisy(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | random.nextInt(8) * 0x202020);
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.BLUE);
        graphics.drawString(width + "x" + height, 10, 20);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
