package org.unroll.engine;

import static org.unroll.testing.Commands.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only regular files or new paths are written (ADR 0030): a folder, FIFO, socket or device node
 * is refused without being opened, a read-only file is not replaced, and a replaced file keeps its
 * mode exactly. Every node is made in a temporary folder; no test touches a real device.
 */
class AtomicFileTargetsTest {

    @TempDir
    Path dir;

    private static AtomicFile.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertRefused(Path target, AtomicFile.Kind kind) throws IOException {
        List<String> before = names();
        AtomicFile.NotWritableException e = assertThrows(AtomicFile.NotWritableException.class,
                () -> AtomicFile.write(target, text("replaced")));
        assertEquals(kind, e.kind());
        assertEquals(target.toAbsolutePath().toString(), e.getFile());
        assertEquals(before, names(), "nothing created, nothing replaced, no temporary");
    }

    @Test
    void aFifoIsNotReplacedNorOpened() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo");
        // opening a FIFO with no reader would block: the refusal comes before any open
        assertRefused(fifo, AtomicFile.Kind.FIFO);
        assertTrue(Files.readAttributes(fifo, "unix:mode").get("mode") instanceof Integer m && (m & 0170000) == 0010000,
                "still a FIFO");
    }

    @Test
    void aFolderIsNotReplaced() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("x.json"));
        assertRefused(folder, AtomicFile.Kind.FOLDER);
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aSocketIsNotReplaced() throws Exception {
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            assertRefused(sock, AtomicFile.Kind.SOCKET);
            assertFalse(Files.isRegularFile(sock));
        }
    }

    @Test
    void aDeviceNodeIsNotReplaced() throws Exception {
        Path dev = dir.resolve("null");
        // the null device's numbers (1, 3), made here and never opened; needs root
        assumeTrue(run("mknod", dev.toString(), "c", "1", "3"), "mknod (root)");
        assertRefused(dev, AtomicFile.Kind.DEVICE);
        assertFalse(Files.isRegularFile(dev));
    }

    @Test
    void aReadOnlyFileIsNotReplacedEvenByRoot() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
        Path f = dir.resolve("ro.json");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        assertRefused(f, AtomicFile.Kind.READ_ONLY);
        assertEquals("old", Files.readString(f));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aPrivateFileStaysPrivateAndANewOneIsNotWorldWritable() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("unix"), "unix attributes");
        Path f = dir.resolve("secret.json");
        Files.writeString(f, "old");
        Files.setAttribute(f, "unix:mode", 0600);
        AtomicFile.write(f, text("new"));
        assertEquals("new", Files.readString(f));
        assertEquals(0100600, Files.getAttribute(f, "unix:mode"), "0600 stays 0600");

        Files.setAttribute(f, "unix:mode", 0640);
        AtomicFile.write(f, text("newer"));
        assertEquals(0100640, Files.getAttribute(f, "unix:mode"), "0640 stays 0640");

        Path n = dir.resolve("new.json");
        AtomicFile.write(n, text("x"));
        int mode = (Integer) Files.getAttribute(n, "unix:mode") & 07777;
        assertEquals(0644 & ~AtomicFile.umask(), mode, "rw-r--r-- less the umask");
        assertEquals(0, mode & 0022, "not group- or world-writable");
    }

    @Test
    void aLinkIsFollowedAndKept() throws Exception {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        AtomicFile.write(link, text("new"));
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aLinkToAFifoIsRefused() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), fifo.getFileName());
        assertThrows(AtomicFile.NotWritableException.class, () -> AtomicFile.write(link, text("x")));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void theTemporaryIsNamedWithTheProcessIdAndOwnerOnlyWhileWritten() throws Exception {
        Path f = dir.resolve("big.json");
        List<Path> seen = new java.util.ArrayList<>();
        AtomicFile.write(f, out -> {
            seen.addAll(Temporaries.live());
            out.write(1);
        });
        Path tmp = seen.stream().filter(p -> p.getParent().equals(dir.toAbsolutePath())).findFirst().orElseThrow();
        assertTrue(tmp.getFileName().toString().matches("\\.big\\.json\\." + ProcessHandle.current().pid() + "\\.\\d+\\.tmp"),
                tmp.toString());
        assertFalse(Files.exists(tmp, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Temporaries.live().contains(tmp), "no longer listed");
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(f));
    }

    @Test
    void aMissingFolderIsToldAsBefore() {
        Path f = dir.resolve("no/such/x.json");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, text("x")));
        assertTrue(e.getMessage().startsWith("no such directory"), e.getMessage());
    }

    @Test
    void aContentThatClosesTheStreamIsStillSynced() throws Exception {
        Path f = dir.resolve("closed.bin");
        AtomicFile.write(f, out -> {
            out.write(new byte[] {1, 2});
            out.close();
        });
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(f));
        assertEquals(List.of("closed.bin"), names());
    }

    @Test
    void writeByPathGoesThroughTheSameChecks() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("x.h5"));
        assertThrows(AtomicFile.NotWritableException.class, () -> AtomicFile.writeByPath(folder, p -> Files.writeString(p, "x")));
        Path f = dir.resolve("y.h5");
        AtomicFile.writeByPath(f, p -> Files.writeString(p, "y"));
        assertEquals("y", Files.readString(f));
        assertEquals(List.of("x.h5", "y.h5"), names());
    }
}
