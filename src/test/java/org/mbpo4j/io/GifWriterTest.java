package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {
    @TempDir
    Path dir;

    private static BufferedImage frame(Color c) {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        return img;
    }

    /** The first child named {@code name} of {@code node}, searched depth first. */
    private static IIOMetadataNode find(IIOMetadataNode node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (int i = 0; i < node.getLength(); i++) {
            IIOMetadataNode f = find((IIOMetadataNode) node.item(i), name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    @Test
    void framesDelayAndLoopSurviveARoundTrip() throws IOException {
        Path gif = dir.resolve("a.gif");
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE};
        try (GifWriter w = new GifWriter(4)) {
            for (Color c : colors) {
                w.add(frame(c));
            }
            assertEquals(3, w.frames());
            w.writeTo(gif);
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(gif))) {
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            for (int i = 0; i < 3; i++) {
                BufferedImage img = reader.read(i);
                assertEquals(40, img.getWidth());
                assertEquals(colors[i].getRGB() & 0xFFFFFF, img.getRGB(20, 15) & 0xFFFFFF, "frame " + i);
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                assertEquals("4", find(root, "GraphicControlExtension").getAttribute("delayTime"));
            }
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = find(first, "ApplicationExtension");
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
            byte[] loop = (byte[]) app.getUserObject();
            assertEquals(0, loop[1] | loop[2], "loops forever");
        } finally {
            reader.dispose();
        }
    }

    @Test
    void badUseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GifWriter(0));
        try (GifWriter w = new GifWriter(2)) {
            assertThrows(IllegalStateException.class, w::finish);
        }
    }
}
