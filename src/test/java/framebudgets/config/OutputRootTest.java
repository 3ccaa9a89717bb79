package framebudgets.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The output root's up-front check: the forms of s3a://, abfss://, gs:// and file: roots, and whether
 * Hadoop has a file system for the scheme on this classpath (this project's has none for S3, Azure or
 * Cloud Storage, and one for HDFS), all without a network.
 */
class OutputRootTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "s3a://Frame_Budgets/x                      | 'Frame_Budgets' is not an S3 bucket name",
        "s3a://ab/x                                 | 'ab' is not an S3 bucket name",
        "s3a://192.168.1.10/x                       | '192.168.1.10' is not an S3 bucket name",
        "s3a:///reports                             | '' is not an S3 bucket name",
        "s3a:/bucket/reports                        | is not a URI of the form scheme://authority/path",
        "s3a://frame-budgets/night ly               | is not valid in a URI",
        "s3a://frame-budgets/reports                | add --packages org.apache.hadoop:hadoop-aws:3.4.2",
        "s3://frame-budgets/reports                 | write s3a://",
        "abfss://account.dfs.core.windows.net/x     | is not container@account.dfs.core.windows.net",
        "abfss://c@account.blob.core.windows.net/x  | is not container@account.dfs.core.windows.net",
        "abfss://Reports@account.dfs.core.windows.net/x | 'Reports' is not an Azure container name",
        "abfss://re--ports@account.dfs.core.windows.net/x | 're--ports' is not an Azure container name",
        "abfss://reports@My-Account.dfs.core.windows.net/x | 'My-Account' is not an Azure storage account name",
        "abfss://reports@account.dfs.core.windows.net/fb | add --packages org.apache.hadoop:hadoop-azure:3.4.2",
        "gs://-bucket/x                             | '-bucket' is not a Cloud Storage bucket name",
        "gs://frame-budgets/x                       | add --packages com.google.cloud.bigdataoss:gcs-connector",
        "file://fileserver/share/x                  | names a host (fileserver)",
        "file:relative/x                            | is not a file: URI",
        "frobfs://somewhere/x                       | no Hadoop file system for frobfs://",
        "frobfs:///x                                | has no authority",
    })
    void badRootsAreNamed(String root, String says) {
        String message = assertThrows(SettingsException.class, () -> OutputRoot.check(root)).getMessage();
        assertTrue(message.startsWith("framebudgets.output.root: ") && message.contains(says), message);
    }

    @Test
    void credentialsInTheUriAreRefusedWithoutRepeatingThem() {
        String message = assertThrows(SettingsException.class,
                () -> OutputRoot.check("s3a://AKIAEXAMPLE:wJalrXUtnFEMIsecret@frame-budgets/x")).getMessage();
        assertTrue(message.contains("must not hold credentials"), message);
        assertFalse(message.contains("wJalrXUtnFEMIsecret") || message.contains("AKIAEXAMPLE"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs://namenode:8020/frame-budgets", "hdfs:///frame-budgets", "file:///tmp/frame-budgets-x/y",
        "file:/tmp/frame-budgets-x/y", "relative/frame-budgets"})
    void goodRootsPass(String root) {
        OutputRoot.check(root);
    }

    /** spark-submit's {@code --conf spark.hadoop.fs.s3a.impl=...} reaches the driver as a system property. */
    @Test
    void aFileSystemConfiguredForTheSchemeCounts() {
        String key = "spark.hadoop.fs.s3a.impl";
        System.setProperty(key, "org.apache.hadoop.fs.RawLocalFileSystem");
        try {
            OutputRoot.check("s3a://frame-budgets/reports");
            System.setProperty(key, "com.example.NoSuchFileSystem");
            String message = assertThrows(SettingsException.class, () -> OutputRoot.check("s3a://frame-budgets/reports")).getMessage();
            assertTrue(message.contains("com.example.NoSuchFileSystem") && message.contains("hadoop-aws"), message);
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void aLocalFileIsNotAFolder() throws Exception {
        Path file = java.nio.file.Files.writeString(temp.resolve("f"), "x");
        assertTrue(assertThrows(SettingsException.class, () -> OutputRoot.check(file.toUri().toString())).getMessage()
                .contains("is a file, not a folder"));
        OutputRoot.check(temp.resolve("new/reports").toUri().toString());
    }
}
