package io.marketplace.platform.config;

import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.ProblemType;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * A JSON body is UTF-8 (RFC 8259 §8.1). Jackson would detect UTF-16 and UTF-32 from the first bytes and read them
 * anyway; here such a body (zero bytes among its first four, or a UTF-16 byte order mark) is a 400. A charset parameter
 * is ignored, as application/json defines none: clients such as REST Assured name ISO-8859-1 for ASCII JSON, and a
 * body that is not UTF-8 fails to parse whatever it claims.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER) // request bodies only, not what the REST clients read from the neighbours
public class Utf8JsonBodies implements ReaderInterceptor {

    private static final int DETECTION_BYTES = 4;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            PushbackInputStream body = new PushbackInputStream(context.getInputStream(), DETECTION_BYTES);
            byte[] head = body.readNBytes(DETECTION_BYTES);
            body.unread(head);
            if (notUtf8(head)) {
                throw new ProblemException(Problem.of(ProblemType.MALFORMED_REQUEST, 400,
                        "The JSON body is not UTF-8 (it looks like UTF-16 or UTF-32); send it as UTF-8"));
            }
            context.setInputStream(body);
        }
        return context.proceed();
    }

    private static boolean notUtf8(byte[] head) {
        if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            return true;
        }
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
