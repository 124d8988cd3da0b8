/**
 * A recorded {@link dev.pyprobe.reader.python.sampling.Profile} written out in the formats people
 * read profiles with: an interactive flame graph (one offline HTML file), speedscope's JSON,
 * collapsed stacks (flamegraph.pl, inferno) and pyprobe's own JSON.
 */
package dev.pyprobe.server.profile;
