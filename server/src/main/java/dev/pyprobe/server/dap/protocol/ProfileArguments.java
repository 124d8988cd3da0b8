package dev.pyprobe.server.dap.protocol;

/**
 * Arguments of pyprobe's custom {@code pyprobeProfile} request: sample the attached process for a
 * while and answer with the profile. Every field may be left out.
 */
public final class ProfileArguments {
    /** Seconds to record (default 5). */
    public Double durationSeconds;
    /** Samples per second (default 100). */
    public Double rate;
    /** wall, cpu or gil (default wall). */
    public String mode;
    /** Also sample threads blocked in the kernel. */
    public Boolean idle;
    /** One root per thread in the flame graph. */
    public Boolean threads;
}
