package org.unroll.export;

import org.unroll.charts.PlotData;
import org.unroll.charts.PlotOptions;
import org.unroll.charts.PlotView;
import org.unroll.view.Session;

/**
 * What an export draws from: the stepping session (case, trace, schedule) and the plots' data, as
 * the window holds them or as the {@code export} command computed them. Immutable (the session is
 * shared, not copied).
 *
 * @param session the session the graph and the case come from
 * @param plots the plots' datasets (a training run's last snapshot), or null: then the plots show
 *              the session's case untrained ({@link PlotData#untrained})
 * @param plotView the plots' log axis and marker
 * @param comparison the Compare tab's datasets by plot name ({@link org.unroll.charts.Plots#COMPARE_LOSS},
 *                   {@link org.unroll.charts.Plots#COMPARE_GRADIENT}); empty when no comparison ran
 */
public record ExportSource(Session session, PlotData plots, PlotView plotView,
                           java.util.Map<String, org.jfree.data.xy.XYDataset> comparison) {

    public ExportSource {
        if (session == null) {
            throw new IllegalArgumentException("nothing to export: no case is open");
        }
        plotView = plotView == null ? PlotView.DEFAULT : plotView;
        comparison = comparison == null ? java.util.Map.of() : java.util.Map.copyOf(comparison);
    }

    /** A source without a comparison. */
    public ExportSource(Session session, PlotData plots, PlotView plotView) {
        this(session, plots, plotView, null);
    }

    /** The plots' datasets: the given ones, or the session's case traced untrained. */
    public PlotData plotData() {
        return plots != null ? plots : PlotData.untrained(session.kase(), PlotOptions.DEFAULTS);
    }
}
