package dev.pyprobe.reader.python.threads;

/**
 * A thread state found in the interpreter's list, before names and GIL are resolved.
 *
 * @param ident    pthread_t / threading.get_ident(), unsigned
 * @param nativeId kernel TID when the version stores it, else 0
 */
public record ThreadStateRef(long address, long interpreter, long interpreterId, long ident, int nativeId) {
}
