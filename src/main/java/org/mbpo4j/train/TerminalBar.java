package org.mbpo4j.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@link Progress#bar}: the only class that touches the progress-bar library, so that the rest of
 * mbpo4j loads without it (it is an optional dependency).
 */
final class TerminalBar implements Progress {
    private final ProgressBar bar;

    TerminalBar(String task, long total) {
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUnit(" steps", 1).showSpeed()
                .setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    @Override
    public void update(long step, String extra) {
        bar.stepTo(step);
        bar.setExtraMessage(extra);
    }

    @Override
    public void log(String line) {
    }

    @Override
    public void close() {
        bar.close();
    }
}
