// Creates or updates the SCRAM-SHA-512 credentials of the local stack's Kafka principals
// (issue 16), run by infra/local/stack.sh with Kafka's own jars (java -cp 'lib/*' ScramUsers.java).
// Everything comes from the environment, never argv: KAFKA_BOOTSTRAP (the INTERNAL SASL/PLAIN
// listener), KAFKA_ADMIN_PASSWORD, KAFKA_SCRAM_USERS ("admin ingest ..."), KAFKA_PASSWORD_<USER>.
// A password may instead be a file, <NAME>_FILE (compose's secrets under /run/secrets).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

public class ScramUsers {
  /** NAME from the environment, else the contents of the file NAME_FILE names (one trailing newline dropped). */
  static String secret(java.util.Map<String, String> env, String name) throws java.io.IOException {
    var value = env.get(name);
    var file = env.get(name + "_FILE");
    if ((value == null || value.isEmpty()) && file != null && !file.isEmpty()) return Files.readString(Path.of(file)).replaceFirst("\\r?\\n$", "");
    return value;
  }

  public static void main(String[] args) throws Exception {
    var env = System.getenv();
    var props = new Properties();
    props.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP"));
    props.put("security.protocol", "SASL_PLAINTEXT");
    props.put("sasl.mechanism", "PLAIN");
    props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
        + secret(env, "KAFKA_ADMIN_PASSWORD") + "\";");
    props.put("request.timeout.ms", "30000");
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    var info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
    for (var user : env.getOrDefault("KAFKA_SCRAM_USERS", "").trim().split("\\s+")) {
      var password = secret(env, "KAFKA_PASSWORD_" + user.toUpperCase());
      if (password == null || password.isEmpty()) throw new IllegalStateException("no password for Kafka principal " + user);
      upserts.add(new UserScramCredentialUpsertion(user, info, password));
    }
    try (var admin = Admin.create(props)) {
      admin.alterUserScramCredentials(upserts).all().get();
    }
    System.out.println("kafka scram: " + upserts.size() + " principals");
  }
}
