package io.firstparty.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A horizontal bar chart drawn with java.awt into a PNG (headless; no charting library).
 * Each bar has a label on the left, a length on a shared linear axis from 0 to the largest value
 * (or marker), an optional marker (a vertical line across the bar, e.g. a target) and a text on its
 * right. Bars of the same group share a group label drawn above them.
 */
public final class BarChart {

    public static final Color BACKGROUND = Color.WHITE;
    public static final Color PASS = new Color(0x2e7d32);
    public static final Color MISS = new Color(0xc62828);
    public static final Color NEUTRAL = new Color(0x1565c0);
    public static final Color MARKER = new Color(0x212121);

    public static final int WIDTH = 1000;
    public static final int LABEL_WIDTH = 320;
    public static final int TEXT_WIDTH = 270;
    public static final int TOP = 50;
    public static final int ROW = 26;
    public static final int GROUP_GAP = 22;
    public static final int BOTTOM = 40;

    /** One bar: marker is NaN when there is none. */
    public record Bar(String group, String label, double value, double marker, Color color, String text) {
    }

    private final String title;
    private final String axis;
    private final List<Bar> bars;

    public BarChart(String title, String axis, List<Bar> bars) {
        this.title = title;
        this.axis = axis;
        this.bars = List.copyOf(bars);
    }

    public int height() {
        return TOP + bars.size() * ROW + groups() * GROUP_GAP + BOTTOM;
    }

    /** Left edge of the plot area, where a bar of value 0 starts. */
    public static int plotLeft() {
        return LABEL_WIDTH;
    }

    /** Width of the plot area: the largest value (or marker) reaches 1/1.05 of it. */
    public static int plotWidth() {
        return WIDTH - LABEL_WIDTH - TEXT_WIDTH;
    }

    public double scaleMax() {
        double max = 0;
        for (Bar bar : bars) {
            max = Math.max(max, finite(bar.value()));
            max = Math.max(max, finite(bar.marker()));
        }
        // A little room on the right, so that a marker at the largest value stays clear of the texts.
        return max > 0 ? max * 1.05 : 1;
    }

    /** The y of the centre of bar number {@code index}, so that a test can look at its pixels. */
    public int barCentre(int index) {
        int y = TOP;
        String group = null;
        for (int i = 0; i <= index; i++) {
            if (!bars.get(i).group().equals(group)) {
                group = bars.get(i).group();
                y += GROUP_GAP;
            }
            if (i < index) {
                y += ROW;
            }
        }
        return y + ROW / 2;
    }

    public BufferedImage render() {
        BufferedImage image = new BufferedImage(WIDTH, height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, WIDTH, height());
            g.setColor(MARKER);
            g.setFont(new Font("DejaVu Sans", Font.BOLD, 16));
            g.drawString(title, 12, 26);
            g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
            double max = scaleMax();
            String group = null;
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                int centre = barCentre(i);
                if (!bar.group().equals(group)) {
                    group = bar.group();
                    g.setColor(MARKER);
                    g.setFont(new Font("DejaVu Sans", Font.BOLD, 13));
                    g.drawString(group, 12, centre - ROW / 2 - 6);
                    g.setFont(new Font("DejaVu Sans", Font.PLAIN, 12));
                }
                g.setColor(MARKER);
                drawRight(g, fit(g, bar.label(), LABEL_WIDTH - 24), LABEL_WIDTH - 8, centre + 4);
                int length = (int) Math.round(finite(bar.value()) / max * plotWidth());
                g.setColor(bar.color());
                g.fillRect(plotLeft(), centre - ROW / 2 + 4, Math.max(length, 1), ROW - 8);
                if (Double.isFinite(bar.marker())) {
                    int x = plotLeft() + (int) Math.round(bar.marker() / max * plotWidth());
                    g.setColor(MARKER);
                    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
                    g.drawLine(x, centre - ROW / 2 + 1, x, centre + ROW / 2 - 1);
                    g.setStroke(new BasicStroke(1f));
                }
                g.setColor(MARKER);
                g.drawString(fit(g, bar.text(), TEXT_WIDTH - 12), plotLeft() + plotWidth() + 8, centre + 4);
            }
            int axisY = height() - BOTTOM + 8;
            g.setColor(Color.GRAY);
            g.drawLine(plotLeft(), TOP, plotLeft(), axisY);
            g.drawLine(plotLeft(), axisY, plotLeft() + plotWidth(), axisY);
            g.setColor(MARKER);
            g.drawString("0", plotLeft() - 3, axisY + 16);
            drawRight(g, format(max), plotLeft() + plotWidth(), axisY + 16);
            g.drawString(axis, plotLeft() + plotWidth() / 2 - g.getFontMetrics().stringWidth(axis) / 2, axisY + 16);
        } finally {
            g.dispose();
        }
        return image;
    }

    public void write(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(render(), "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    static String format(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(java.util.Locale.ROOT, "%,.0f", value);
        }
        return String.format(java.util.Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private int groups() {
        int groups = 0;
        String group = null;
        for (Bar bar : bars) {
            if (!bar.group().equals(group)) {
                group = bar.group();
                groups++;
            }
        }
        return groups;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private static void drawRight(Graphics2D g, String text, int right, int baseline) {
        g.drawString(text, right - g.getFontMetrics().stringWidth(text), baseline);
    }

    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics metrics = g.getFontMetrics();
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
