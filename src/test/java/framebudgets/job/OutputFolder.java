package framebudgets.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under an output root with a digest of its bytes, to check that a run changed nothing. */
final class OutputFolder {
    private OutputFolder() {}

    /** Relative path to SHA-256 of each file under {@code root}, leaving out the folders named in {@code except}. */
    static Map<String, String> digests(Path root, String... except) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(p).toString();
                if (Stream.of(except).noneMatch(e -> relative.equals(e) || relative.startsWith(e + "/"))) {
                    files.put(relative, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
