import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Writes a small valid widget.zip (language en) for the benchmarks: java bench/WidgetZipWriter.java out.zip */
public class WidgetZipWriter {

    public static void main(String[] args) throws Exception {
        try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(args[0]))) {
            put(zip, "manifest.json", ("{\"widget\": {\"name\": \"n\", \"description\": \"d\", \"short_description\": \"s\","
                    + " \"version\": \"1.0.0\", \"interface_version\": 2, \"locale\": [\"en\"],"
                    + " \"support\": {\"link\": \"https://dev.example.com\", \"email\": \"s@dev.example.com\"}},"
                    + " \"locations\": [\"settings\"]}").getBytes());
            put(zip, "i18n/en.json", "{\"widget\": {}}".getBytes());
            put(zip, "images/logo_main.png", png(400, 272));
            put(zip, "images/logo.png", png(130, 100));
            put(zip, "images/logo_small.png", png(108, 108));
            put(zip, "script.js", "define(['jquery'], function ($) { return function () { this.callbacks = {}; }; });\n"
                    .repeat(40).getBytes());
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
