package dev.pyprobe.reader.python.code;

/**
 * Walks one line table range by range, in bytecode order. The ranges it yields start at 0,
 * follow each other without gaps and are never empty. Every call of {@link #next()} consumes
 * at least one byte of the table or ends the walk, so a walk is bounded by the table length.
 */
abstract class RangeCursor {
    private int start;
    private int end;
    private int line;

    /** Moves to the next range; false once the table is exhausted or turns out corrupt. */
    abstract boolean next();

    final int start() {
        return start;
    }

    final int end() {
        return end;
    }

    final int line() {
        return line;
    }

    /**
     * Sets the current range. Lines and offsets are computed in longs so that no table, however
     * corrupt, can wrap them around; an offset beyond the int range means the walk must stop.
     *
     * @return false when the range lies beyond any possible bytecode
     */
    final boolean setRange(long rangeStart, long rangeEnd, long rangeLine) {
        if (rangeStart >= LineRange.OPEN_END) {
            return false;
        }
        start = (int) rangeStart;
        end = (int) Math.min(rangeEnd, LineRange.OPEN_END);
        // A line below 0 can only come out of a corrupt table; -1 would be mistaken for "no line".
        line = rangeLine < 0 || rangeLine > Integer.MAX_VALUE ? LineRange.NO_LINE : (int) rangeLine;
        return true;
    }
}
