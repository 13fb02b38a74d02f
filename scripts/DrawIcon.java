import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import javax.imageio.ImageIO;

/**
 * Draws the app's icon (an unrolled cell: three RNN cells in a row, the state's arrow running through
 * them, an input below and an output above each) as PNGs and a macOS .icns.
 * Run: java scripts/DrawIcon.java src/packaging/icons
 */
public class DrawIcon {
    static BufferedImage draw(int n) {
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(n / 256.0, n / 256.0);
        g.setColor(new Color(0x1f3a5f));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
        Color[] cells = {new Color(0x6fa8dc), new Color(0xf6b26b), new Color(0xe06666)};
        g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 3; i++) {
            double x = 30 + i * 72;
            g.setColor(Color.WHITE);
            line(g, x + 24, 214, x + 24, 160);   // x(t) in
            line(g, x + 24, 96, x + 24, 44);     // y(t) out
            g.setColor(cells[i]);
            g.fill(new RoundRectangle2D.Double(x, 100, 48, 56, 14, 14));
        }
        g.setColor(Color.WHITE);
        for (int i = 0; i < 2; i++) {
            double x = 30 + i * 72 + 48;
            line(g, x + 2, 128, x + 22, 128);    // h(t) to the next step
        }
        g.dispose();
        return img;
    }

    static void line(Graphics2D g, double x1, double y1, double x2, double y2) {
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        double a = Math.atan2(y2 - y1, x2 - x1), s = 10;
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - s * Math.cos(a - 0.6), y2 - s * Math.sin(a - 0.6));
        head.moveTo(x2, y2);
        head.lineTo(x2 - s * Math.cos(a + 0.6), y2 - s * Math.sin(a + 0.6));
        g.draw(head);
    }

    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        dir.mkdirs();
        for (int n : new int[] {16, 32, 48, 64, 128, 256, 512}) {
            ImageIO.write(draw(n), "png", new File(dir, "unroll-" + n + ".png"));
        }
        ImageIO.write(draw(256), "png", new File(dir, "unroll.png"));
        // .icns: "icns", the length, then entries of a type and a PNG (ic07 128, ic08 256, ic09 512)
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(draw(sizes[i]), "png", png);
            DataOutputStream d = new DataOutputStream(body);
            d.writeBytes(types[i]);
            d.writeInt(png.size() + 8);
            png.writeTo(d);
        }
        try (DataOutputStream d = new DataOutputStream(new FileOutputStream(new File(dir, "unroll.icns")))) {
            d.writeBytes("icns");
            d.writeInt(body.size() + 8);
            body.writeTo(d);
        }
    }
}
