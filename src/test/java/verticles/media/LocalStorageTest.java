package verticles.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStorageTest {
  @Test
  void storesUnderTheRootAndFollowsNoSymbolicLinkInside(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("media"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path upload = Files.writeString(tmp.resolve("upload.mp4"), "video");
    LocalStorage storage = new LocalStorage(root);

    assertEquals("/media/covers/a.jpg", storage.put(upload, "covers/a.jpg", "image/jpeg", false));
    assertTrue(Files.isRegularFile(root.resolve("covers/a.jpg")));

    Files.createSymbolicLink(root.resolve("videos"), elsewhere);
    assertThrows(IOException.class, () -> storage.put(upload, "videos/b.mp4", "video/mp4", false));
    assertFalse(Files.exists(elsewhere.resolve("b.mp4")), "nothing written through the link");

    Path victim = Files.writeString(elsewhere.resolve("c.mp4"), "keep me");
    storage.delete("videos/c.mp4");
    assertTrue(Files.exists(victim), "nothing deleted through the link");

    Files.createSymbolicLink(root.resolve("covers/d.jpg"), victim);
    assertThrows(IOException.class, () -> storage.put(upload, "covers/d.jpg", "image/jpeg", false));
    assertEquals("keep me", Files.readString(victim));
  }
}
