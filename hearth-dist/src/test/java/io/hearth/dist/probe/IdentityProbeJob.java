package io.hearth.dist.probe;

import io.hearth.api.spi.HearthJob;
import io.hearth.api.spi.JobContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.sql.SparkSession;

/**
 * The isolation experiment (docs/isolation.md): run inside an engine launched as one user, it
 * tries to act as another user the way a shared engine would have to, with {@code
 * UserGroupInformation.createProxyUser(other).doAs(...)} around work, and reports what each step
 * really did: the identities the JVM holds, a driver-side listing and read with the FileSystem API,
 * and a Spark read whose planning (listing) runs in the doAs thread but whose tasks run on
 * executor threads. Uploaded to the engine as a jar; never loaded by the test JVM.
 */
public final class IdentityProbeJob implements HearthJob<IdentityProbeJob.Parameters, Map<String, String>> {
    /**
     * @param otherUser the user to try to act as
     * @param otherDirectory a directory only that user may read, holding {@code otherFile}
     */
    public record Parameters(String otherUser, String otherDirectory, String otherFile) {}

    @Override
    public Map<String, String> run(JobContext context, Parameters parameters) throws Exception {
        SparkSession spark = context.spark();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Map<String, String> report = new LinkedHashMap<>();
        UserGroupInformation current = UserGroupInformation.getCurrentUser();
        UserGroupInformation login = UserGroupInformation.getLoginUser();
        report.put("current_user", current.toString());
        report.put("login_user", login.toString());
        report.put("spark_user", spark.sparkContext().sparkUser());
        report.put(
                "sql_current_user", spark.sql("select current_user()").first().getString(0));
        Path directory = new Path(parameters.otherDirectory());
        Path file = new Path(directory, parameters.otherFile());

        report.put("as_engine_user.list", attempt(() -> list(conf, directory)));

        UserGroupInformation viaCurrent = UserGroupInformation.createProxyUser(parameters.otherUser(), current);
        report.put("proxy_via_current_user.list", attempt(() -> viaCurrent.doAs(action(() -> list(conf, directory)))));

        // the engine JVM was started by the gateway's (super)user: its login user can impersonate anyone
        UserGroupInformation viaLogin = UserGroupInformation.createProxyUser(parameters.otherUser(), login);
        report.put("proxy_via_login_user.list", attempt(() -> viaLogin.doAs(action(() -> list(conf, directory)))));
        report.put(
                "proxy_via_login_user.driver_read", attempt(() -> viaLogin.doAs(action(() -> firstLine(conf, file)))));
        report.put(
                "proxy_via_login_user.spark_count",
                attempt(() -> viaLogin.doAs(action(
                        () -> String.valueOf(spark.read().text(file.toString()).count())))));
        report.put(
                "proxy_via_login_user.spark_listing_only",
                attempt(() -> viaLogin.doAs(action(() ->
                        Arrays.toString(spark.read().text(directory.toString()).inputFiles())))));
        return report;
    }

    private interface Step {
        String run() throws Exception;
    }

    private static PrivilegedExceptionAction<String> action(Step step) {
        return step::run;
    }

    private static String attempt(Step step) {
        try {
            return "ok: " + step.run();
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = String.valueOf(root.getMessage());
            int newline = message.indexOf('\n');
            return "failed: " + root.getClass().getName() + ": "
                    + (newline < 0 ? message : message.substring(0, newline));
        }
    }

    private static String list(Configuration conf, Path directory) throws Exception {
        FileSystem fs = FileSystem.get(directory.toUri(), conf);
        return Arrays.toString(Arrays.stream(fs.listStatus(directory))
                .map(status -> status.getPath().getName())
                .toArray());
    }

    private static String firstLine(Configuration conf, Path file) throws Exception {
        FileSystem fs = FileSystem.get(file.toUri(), conf);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            return reader.readLine();
        }
    }
}
