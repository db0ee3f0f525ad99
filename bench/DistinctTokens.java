import io.marketplace.platform.security.DevTokenIssuer;
import io.marketplace.platform.security.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code count} bearer tokens of as many accounts, one a line, signed by the development issuer: what
 * bench/verified-tokens.sh sends so that each one is verified, and remembered, once.
 * Usage: java -cp platform-common/target/classes bench/DistinctTokens.java <private.pem> <count> <file>
 */
public class DistinctTokens {
    public static void main(String[] args) throws Exception {
        DevTokenIssuer issuer = DevTokenIssuer.fromPem(Files.readString(Path.of(args[0])), DevTokenIssuer.DEFAULT_ISSUER);
        int count = Integer.parseInt(args[1]);
        List<String> tokens = new ArrayList<>(count);
        for (int account = 1; account <= count; account++) {
            tokens.add(issuer.userToken("user-" + account, account, true, List.of(Roles.ADMIN), 3600));
        }
        Files.write(Path.of(args[2]), tokens);
    }
}
