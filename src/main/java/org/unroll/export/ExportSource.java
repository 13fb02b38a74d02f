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
 */
public record ExportSource(Session session, PlotData plots, PlotView plotView) {

    public ExportSource {
        if (session == null) {
            throw new IllegalArgumentException("nothing to export: no case is open");
        }
        plotView = plotView == null ? PlotView.DEFAULT : plotView;
    }

    /** The plots' datasets: the given ones, or the session's case traced untrained. */
    public PlotData plotData() {
        return plots != null ? plots : PlotData.untrained(session.kase(), PlotOptions.DEFAULTS);
    }
}
