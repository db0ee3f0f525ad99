import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One load-generator worker's keep-alive HTTP/1.1 connection, written and read by hand; shared by the token benchmarks
 * (bench/lib.sh's bench_java compiles it beside them). The JDK's HttpClient spent about 1.1 ms of CPU per request, as
 * much as keys-service itself, on the same two cores: a generator that costly measures itself as much as the servers,
 * and caps the faster one most.
 */
final class KeepAliveConnection implements AutoCloseable {

    static final String FORM = "application/x-www-form-urlencoded";

    private final URI endpoint;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A connection to the endpoint's host and port; {@link #postForm(String)} posts to its path. */
    KeepAliveConnection(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** POSTs a form to the endpoint and answers the body of a 200; anything else fails the run. */
    String postForm(String form) throws IOException {
        return post(endpoint.getRawPath(), FORM, null, form, 200);
    }

    /** POSTs {@code body} to {@code path} on the same host; answers the body if the status is {@code expected}. */
    String post(String path, String contentType, String authorization, String body, int expected) throws IOException {
        if (socket == null) {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        String statusLine = line();
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        String answer = new String(chunked ? chunks() : in.readNBytes(length), StandardCharsets.UTF_8);
        if (close) {
            close();
        }
        if (!statusLine.startsWith("HTTP/1.1 " + expected)) {
            throw new IllegalStateException(endpoint.resolve(path) + " answered " + statusLine + ": " + answer);
        }
        return answer;
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) {
            // trailers
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by " + endpoint);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
