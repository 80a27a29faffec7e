package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsUtf8AndNamesTheFirstByteThatIsNot() throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "héllo 𝄞\n", StandardCharsets.UTF_8);
        assertEquals("héllo 𝄞\n", TextFiles.readUtf8(f));
        Files.write(f, new byte[] {'a', 'b', (byte) 0xc3, 'c'});
        TextFiles.NotUtf8Exception e = assertThrows(TextFiles.NotUtf8Exception.class, () -> TextFiles.readUtf8(f));
        assertEquals(f + " is not UTF-8 text (byte 0xc3 at offset 2)", e.getMessage());
        assertEquals(f + " is not UTF-8 text (byte 0xc3 at offset 2): expected a list", e.expected("a list"));
        // A character cut off at the end of the file.
        Files.write(f, new byte[] {'a', (byte) 0xe2, (byte) 0x82});
        assertEquals(1, assertThrows(TextFiles.NotUtf8Exception.class, () -> TextFiles.readUtf8(f)).offset());
    }

    @Test
    void readsLinesAndCountsWhereItIs() throws Exception {
        Path f = dir.resolve("b.txt");
        byte[] text = "one\r\ntwo é\n\nlast".getBytes(StandardCharsets.UTF_8);
        try (TextFiles.LineReader r = new TextFiles.LineReader(new ByteArrayInputStream(text), f)) {
            assertEquals("one", r.readLine());
            assertEquals("two é", r.readLine());
            assertEquals("", r.readLine());
            assertEquals("last", r.readLine());
            assertEquals(4, r.lineNumber());
            assertNull(r.readLine());
        }
        byte[] bad = {'o', 'k', '\n', 'x', (byte) 0x80, '\n'};
        try (TextFiles.LineReader r = new TextFiles.LineReader(new ByteArrayInputStream(bad), f)) {
            assertEquals("ok", r.readLine());
            TextFiles.NotUtf8Exception e = assertThrows(TextFiles.NotUtf8Exception.class, r::readLine);
            assertEquals(f + " is not UTF-8 text (byte 0x80 at offset 4, line 2)", e.getMessage());
        }
    }
}
