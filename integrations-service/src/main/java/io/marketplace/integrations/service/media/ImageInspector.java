package io.marketplace.integrations.service.media;

import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that bytes are a PNG or JPEG of an exact size, by their signature and by decoding them: neither a
 * Content-Type, a file name nor the size in the header is trusted. The size is read from the header first, so a
 * wrong-sized image costs no decoding. Decoding then reads every byte of pixel data (a truncated or corrupt image
 * fails) but keeps only one pixel in 64, so checking holds a fraction of one image's pixels.
 */
public final class ImageInspector {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final int SUBSAMPLING = 8;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    static {
        // decode from memory; never spill to temporary files
        ImageIO.setUseCache(false);
    }

    public enum Format {
        PNG("png", "image/png"),
        JPEG("jpeg", "image/jpeg");

        final String readerName;
        public final String contentType;

        Format(String readerName, String contentType) {
            this.readerName = readerName;
            this.contentType = contentType;
        }
    }

    public record InspectedImage(Format format, int width, int height) {
    }

    /** Why bytes are not the expected image; {@code code} is {@code unsupported_format}, {@code wrong_size} or {@code corrupt}. */
    public static final class Rejected extends Exception {
        public final String code;

        Rejected(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private ImageInspector() {
    }

    /** A listing image: the body of an upload, answered as a problem when it is not right. */
    public static InspectedImage inspect(byte[] bytes, MediaKind kind) {
        if (bytes == null || bytes.length == 0) {
            throw ProblemException.invalid("body", "empty", "The request body is empty; send a PNG or JPEG image");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ProblemException(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, 413,
                    "An image may be at most 2 MiB; this one is " + bytes.length + " bytes"));
        }
        try {
            return decode(bytes, kind.width, kind.height, kind.code.replace('_', ' '));
        } catch (Rejected e) {
            throw ProblemException.invalid("body", e.code, e.getMessage());
        }
    }

    /** Decodes a PNG or JPEG that must be exactly {@code width}×{@code height}; {@code what} names it in messages. */
    public static InspectedImage decode(byte[] bytes, int width, int height, String what) throws Rejected {
        Format format = sniff(bytes);
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName);
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                // a JPEG decoder reports truncated data as a warning (from native code) and fills the rest in grey
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                int actualWidth = reader.getWidth(0);
                int actualHeight = reader.getHeight(0);
                if (actualWidth != width || actualHeight != height) {
                    throw new Rejected("wrong_size", "The " + what + " must be exactly " + width + "×" + height
                            + " pixels; this image is " + actualWidth + "×" + actualHeight);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(SUBSAMPLING, SUBSAMPLING, 0, 0);
                reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw corrupt(format);
                }
                return new InspectedImage(format, actualWidth, actualHeight);
            } finally {
                reader.dispose();
            }
        } catch (IOException | IndexOutOfBoundsException | IllegalArgumentException e) {
            // decoders signal bad data in all of these ways
            throw corrupt(format);
        }
    }

    public static boolean isPng(byte[] bytes) {
        return startsWith(bytes, PNG_SIGNATURE);
    }

    private static Format sniff(byte[] bytes) throws Rejected {
        if (isPng(bytes)) {
            return Format.PNG;
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Format.JPEG;
        }
        throw new Rejected("unsupported_format", describe(bytes) + " is not accepted; send a PNG or JPEG image");
    }

    private static String describe(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1);
        if (head.startsWith("GIF8")) {
            return "A GIF image";
        }
        if (head.startsWith("RIFF") && head.length() >= 12 && head.startsWith("WEBP", 8)) {
            return "A WebP image";
        }
        if (head.contains("<svg") || head.startsWith("<?xml")) {
            return "An SVG image";
        }
        return "This body";
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Rejected corrupt(Format format) {
        return new Rejected("corrupt", "The " + format.name() + " data is corrupt or truncated and cannot be decoded");
    }
}
