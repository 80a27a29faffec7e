package org.mbpo4j.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Builds an animated GIF frame by frame with the JDK's {@code javax.imageio} GIF writer: each
 * frame carries its display delay, and the file loops forever (the NETSCAPE2.0 extension).
 * Frames are encoded as they are added (only the compressed bytes are kept), and
 * {@link #writeTo(Path)} writes the file crash-safely through {@link AtomicFiles}.
 * Not thread-safe; use one writer per file.
 */
public final class GifWriter implements AutoCloseable {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final int delayCentiseconds;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ImageOutputStream out;
    private final ImageWriter writer;
    private int frames;
    private boolean finished;

    /**
     * @param delayCentiseconds how long each frame shows, in hundredths of a second (at least 1)
     */
    public GifWriter(int delayCentiseconds) {
        if (delayCentiseconds < 1) {
            throw new IllegalArgumentException("GIF frame delay must be >= 1 centisecond, got " + delayCentiseconds);
        }
        this.delayCentiseconds = delayCentiseconds;
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        this.out = new MemoryCacheImageOutputStream(bytes);
        writer.setOutput(out);
        try {
            writer.prepareWriteSequence(null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a GIF: " + e.getMessage(), e);
        }
    }

    /** Appends one frame. */
    public void add(BufferedImage frame) {
        if (finished) {
            throw new IllegalStateException("the GIF is already finished; frames must be added before writeTo");
        }
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
            configure(meta, frames == 0);
            writer.writeToSequence(new IIOImage(frame, null, meta), param);
            frames++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode GIF frame " + frames + ": " + e.getMessage(), e);
        }
    }

    /** Frames added so far. */
    public int frames() {
        return frames;
    }

    private void configure(IIOMetadata meta, boolean first) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** Finishes the GIF and returns its bytes. */
    public byte[] finish() {
        if (frames == 0) {
            throw new IllegalStateException("a GIF needs at least one frame");
        }
        if (!finished) {
            try {
                writer.endWriteSequence();
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not finish the GIF: " + e.getMessage(), e);
            }
            finished = true;
        }
        return bytes.toByteArray();
    }

    /** Finishes the GIF and writes it to {@code target} crash-safely. */
    public void writeTo(Path target) {
        AtomicFiles.write(target, finish());
    }

    @Override
    public void close() {
        writer.dispose();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
