package io.firstparty.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstparty.bench.report.BarChart.Bar;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {

    private static final int BACKGROUND = BarChart.BACKGROUND.getRGB();

    @Test
    void writesAPngWhoseBarsAreAsLongAsTheirValues(@TempDir Path dir) throws Exception {
        BarChart chart = new BarChart("ingestion", "% of target", List.of(
                new Bar("ingestion", "/v1/batch messages/s", 200, 100, BarChart.PASS, "50,000 messages/s"),
                new Bar("ingestion", "/v1/track p99", 50, 100, BarChart.MISS, "50 ms"),
                new Bar("profile", "lookup p99", 0, Double.NaN, BarChart.NEUTRAL, "0 ms")));
        Path png = dir.resolve("charts/ingestion-targets.png");

        chart.write(png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(Files.size(png) > 0);
        assertEquals(BarChart.WIDTH, image.getWidth());
        assertEquals(chart.height(), image.getHeight());
        assertEquals(BarChart.TOP + 3 * BarChart.ROW + 2 * BarChart.GROUP_GAP + BarChart.BOTTOM, image.getHeight());

        int left = BarChart.plotLeft();
        int full = BarChart.plotWidth();
        // The first bar (the largest value) spans the plot but for the 5 % of room on the right, in its colour.
        int first = chart.barCentre(0);
        assertEquals(BarChart.PASS.getRGB(), image.getRGB(left + 5, first));
        assertEquals(BarChart.PASS.getRGB(), image.getRGB(left + full * 94 / 100, first));
        assertEquals(BACKGROUND, image.getRGB(left + full * 97 / 100, first));
        // The second is a quarter as long (23.8 % of the plot): coloured at 20 %, background at 30 %.
        int second = chart.barCentre(1);
        assertEquals(BarChart.MISS.getRGB(), image.getRGB(left + full / 5, second));
        assertEquals(BACKGROUND, image.getRGB(left + full * 3 / 10, second));
        // Its target marker (100 of 210) is drawn across it, above the bar itself.
        assertNotEquals(BACKGROUND, image.getRGB(left + (int) Math.round(full * 100 / 210.0), second - BarChart.ROW / 2 + 2));
        // A bar of value 0 leaves the plot empty.
        assertEquals(BACKGROUND, image.getRGB(left + full / 4, chart.barCentre(2)));
        // The title and labels are drawn.
        assertTrue(hasInk(image, 0, 0, BarChart.WIDTH, BarChart.TOP - 30));
        assertTrue(hasInk(image, 0, first - 8, left - 8, first + 8));
    }

    @Test
    void formatsNumbersForLabels() {
        assertEquals("25,000", BarChart.format(25000));
        assertEquals("12.5", BarChart.format(12.5));
        assertEquals("0.25", BarChart.format(0.25));
    }

    private static boolean hasInk(BufferedImage image, int x0, int y0, int x1, int y1) {
        for (int x = x0; x < x1; x++) {
            for (int y = Math.max(0, y0); y < y1; y++) {
                if (image.getRGB(x, y) != BACKGROUND) {
                    return true;
                }
            }
        }
        return false;
    }
}
