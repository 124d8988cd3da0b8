package dev.pyprobe.server.dap;

import java.util.Map;

/**
 * Decides, before anything of the target is read, whether a session may attach to a process.
 * The TCP transport supplies one that checks the token and the PID/user allow-lists; local
 * transports (stdio) allow everything the operating system allows.
 */
@FunctionalInterface
public interface AttachGuard {

    AttachGuard ALLOW_ALL = (pid, arguments) -> { };

    /**
     * @param pid       the process the client asks to attach to
     * @param arguments the raw {@code attach} arguments (e.g. {@code token})
     * @throws AttachRefusedException with a message for the user when the attach is refused
     */
    void check(int pid, Map<String, Object> arguments) throws AttachRefusedException;
}
