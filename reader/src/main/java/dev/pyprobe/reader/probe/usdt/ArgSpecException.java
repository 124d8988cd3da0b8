package dev.pyprobe.reader.probe.usdt;

import dev.pyprobe.reader.probe.ProbeException;

/** A USDT argument specification this parser does not understand. */
public class ArgSpecException extends ProbeException {
    public ArgSpecException(String spec, String why) {
        super("USDT argument '" + spec + "' not understood: " + why);
    }
}
