import com.sun.management.ThreadMXBean;
import io.marketplace.integrations.service.archive.ArchiveReport;
import io.marketplace.integrations.service.archive.WidgetArchiveValidator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Times the widget-archive validator in-process (the same code the upload endpoint runs):
 * a valid 10 MiB archive with 500 entries, and a zip bomb of 1 GiB of zeros, with the bytes each allocates.
 * Run by bench/archive-validation.sh.
 */
public class ArchiveValidationBench {

    private static final List<String> LANGUAGES = List.of("en", "es");
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        byte[] large = largeArchive();
        byte[] bomb = bomb();
        System.out.printf("archive: %.1f MiB, 500 entries; bomb: %.2f MiB compressed, 1 GiB of zeros inside%n",
                large.length / 1048576.0, bomb.length / 1048576.0);

        for (int i = 0; i < 5; i++) {
            check(WidgetArchiveValidator.validate(large, LANGUAGES).report(), true);
        }
        long[] times = new long[20];
        long allocated = 0;
        for (int i = 0; i < times.length; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            check(WidgetArchiveValidator.validate(large, LANGUAGES).report(), true);
            times[i] = System.nanoTime() - t0;
            allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        Arrays.sort(times);
        System.out.printf("valid 10 MiB / 500 entries: median %.1f ms, max %.1f ms (20 runs after 5 warm-up), %.1f MiB allocated per run%n",
                times[10] / 1e6, times[19] / 1e6, allocated / 1048576.0);

        long before = THREADS.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        ArchiveReport report = WidgetArchiveValidator.validate(bomb, LANGUAGES).report();
        long elapsed = System.nanoTime() - t0;
        long bombAllocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        check(report, false);
        System.out.printf("zip bomb: rejected (%s) in %.1f ms, %.2f MiB allocated in all (an upper bound on extra heap)%n",
                report.errors().get(0).rule(), elapsed / 1e6, bombAllocated / 1048576.0);
    }

    private static void check(ArchiveReport report, boolean valid) {
        if (report.valid() != valid) {
            throw new IllegalStateException("unexpected report: " + report);
        }
    }

    private static byte[] largeArchive() throws Exception {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "manifest.json", ("{\"widget\": {\"name\": \"n\", \"description\": \"d\", \"short_description\": \"s\","
                    + " \"version\": \"1.2.3\", \"interface_version\": 2, \"locale\": [\"en\", \"es\"],"
                    + " \"support\": {\"link\": \"https://dev.example.com\", \"email\": \"s@dev.example.com\"}},"
                    + " \"locations\": [\"lcard-1\", \"settings\"]}").getBytes());
            put(zip, "i18n/en.json", "{\"widget\": {}}".getBytes());
            put(zip, "i18n/es.json", "{\"widget\": {}}".getBytes());
            put(zip, "images/logo_main.png", png(400, 272));
            put(zip, "images/logo.png", png(130, 100));
            put(zip, "images/logo_small.png", png(108, 108));
            put(zip, "images/logo_medium.png", png(240, 84));
            put(zip, "images/logo_min.png", png(84, 84));
            for (int i = 0; i < 492; i++) {
                byte[] content = new byte[21_000];
                random.nextBytes(content);
                put(zip, "assets/file" + i + ".bin", content);
            }
        }
        return out.toByteArray();
    }

    private static byte[] bomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 1024; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
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
