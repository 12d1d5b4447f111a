package io.llexthil.campaign.report;

import io.llexthil.campaign.run.CaseResult;
import io.llexthil.campaign.run.RunResult;
import io.llexthil.campaign.run.StepRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LLEXT heap use over the run as inline SVG: one point per step where it was measured (board
 * as a solid line, twin as a dashed one), a dashed vertical marker at each reset and a label at
 * each case boundary. No script, no external asset.
 */
final class HeapChart {
    private static final int W = 960;
    private static final int H = 220;
    private static final int PAD = 40;

    private HeapChart() { }

    static String svg(RunResult run) {
        List<long[]> board = new ArrayList<>();   // x, value
        List<long[]> twin = new ArrayList<>();
        List<Integer> resets = new ArrayList<>();
        List<Object[]> cases = new ArrayList<>(); // x, name
        int x = 0;
        long max = 1;
        for (CaseResult c : run.cases()) {
            cases.add(new Object[] {x, c.name()});
            for (StepRecord s : c.steps()) {
                if (s.reset()) {
                    resets.add(x);
                }
                Long used = s.heapUsed();
                if (used != null) {
                    board.add(new long[] {x, used});
                    max = Math.max(max, used);
                }
                String p = s.predicted().get("heap.used");
                if (p != null) {
                    long v = Long.parseLong(p);
                    twin.add(new long[] {x, v});
                    max = Math.max(max, v);
                }
                x++;
            }
        }
        int n = Math.max(1, x - 1);
        double sx = (W - 2.0 * PAD) / n;
        double sy = (H - 2.0 * PAD) / max;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"heap\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">\n");
        sb.append("<title>LLEXT heap bytes in use after each step</title>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fafafa\"/>\n");
        line(sb, PAD, H - PAD, W - PAD, H - PAD, "#444", null);
        line(sb, PAD, PAD, PAD, H - PAD, "#444", null);
        text(sb, 4, PAD + 4, max + " B");
        text(sb, 4, H - PAD, "0");
        for (Object[] c : cases) {
            double cx = PAD + (int) c[0] * sx;
            line(sb, cx, H - PAD, cx, H - PAD + 6, "#888", null);
            sb.append("<text x=\"").append(f(cx + 2)).append("\" y=\"").append(H - PAD + 16)
                    .append("\" font-size=\"9\" transform=\"rotate(20 ").append(f(cx + 2)).append(' ').append(H - PAD + 16)
                    .append(")\">").append(Xml.esc((String) c[1])).append("</text>\n");
        }
        for (int r : resets) {
            double rx = PAD + r * sx;
            line(sb, rx, PAD, rx, H - PAD, "#c0392b", "3,3");
        }
        polyline(sb, twin, sx, sy, "#2980b9", "6,4");
        polyline(sb, board, sx, sy, "#27ae60", null);
        text(sb, W - 250, 16, "board (solid)  twin (dashed)  reset (red)");
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void polyline(StringBuilder sb, List<long[]> pts, double sx, double sy, String colour, String dash) {
        if (pts.isEmpty()) {
            return;
        }
        sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"");
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append(" points=\"");
        for (long[] p : pts) {
            sb.append(f(PAD + p[0] * sx)).append(',').append(f(H - PAD - p[1] * sy)).append(' ');
        }
        sb.append("\"/>\n");
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String colour, String dash) {
        sb.append("<line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2))
                .append("\" y2=\"").append(f(y2)).append("\" stroke=\"").append(colour).append('"');
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append("/>\n");
    }

    private static void text(StringBuilder sb, double x, double y, String t) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"10\">")
                .append(Xml.esc(t)).append("</text>\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
