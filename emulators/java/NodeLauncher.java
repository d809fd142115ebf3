import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * firebase-tools starts every database emulator as `java -jar <binary> --flags…`. This launcher lets it start
 * one written for Node instead: the jar's manifest names the Node executable and script, the flags pass
 * through unchanged, and stopping the JVM (SIGINT from firebase-tools) stops the Node process with it.
 * If firebase-tools goes away without stopping it (killed, or stopped while it was still asking a question),
 * the launcher notices within half a second and stops too, so no emulator outlives its stack.
 */
public final class NodeLauncher {
  public static void main(String[] args) throws Exception {
    File jar = new File(NodeLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Attributes manifest;
    try (JarFile file = new JarFile(jar)) {
      manifest = file.getManifest().getMainAttributes();
    }
    List<String> command = new ArrayList<>();
    command.add(manifest.getValue("Node-Executable"));
    command.add(manifest.getValue("Node-Script"));
    for (String arg : args) command.add(arg);

    Process node = new ProcessBuilder(command).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!node.isAlive()) return;
      node.destroy();
      try {
        if (!node.waitFor(3, TimeUnit.SECONDS)) node.destroyForcibly();
      } catch (InterruptedException ignored) {
        node.destroyForcibly();
      }
    }));
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent != null) {
      Thread watch = new Thread(() -> {
        while (parent.isAlive()) {
          try {
            Thread.sleep(500);
          } catch (InterruptedException stopped) {
            return;
          }
        }
        System.exit(0);
      });
      watch.setDaemon(true);
      watch.start();
    }
    int code = node.waitFor();
    System.exit(code);
  }
}
