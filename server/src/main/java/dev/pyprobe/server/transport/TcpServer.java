package dev.pyprobe.server.transport;

import dev.pyprobe.server.dap.DapSessionStarter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DAP server over TCP: one connection, one session, several at once. Each connection's
 * pipeline is TLS (optional), framing, JSON validation, then the bridge to a session.
 */
public final class TcpServer implements AutoCloseable {
    private static final int WORKER_THREADS = 2;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ChannelGroup connections;

    private TcpServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel, ChannelGroup connections) {
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws java.net.BindException (or another exception of the bind) when the address cannot be used
     */
    public static TcpServer start(TcpServerConfig config, DapSessionStarter starter) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pyprobe-accept", true),
                NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(WORKER_THREADS,
                new DefaultThreadFactory("pyprobe-io", true), NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup("pyprobe-connections", GlobalEventExecutor.INSTANCE);
        ThreadFactory sessionThreads = new DefaultThreadFactory("pyprobe-session", true);
        AtomicInteger openSessions = new AtomicInteger();
        ConnectionErrorHandler errors = new ConnectionErrorHandler(config.log());
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ChannelPipeline p = ch.pipeline();
                            config.tls().ifPresent(tls -> p.addLast("tls", tls.newHandler(ch.alloc())));
                            p.addLast("limit", new SessionLimiter(openSessions, config.maxSessions(), config.log()));
                            Runnable passed = () -> { };
                            if (config.access().requiresToken()) {
                                AttachDeadline deadline = new AttachDeadline(config.attachDeadline(), config.log());
                                p.addLast("attachDeadline", deadline);
                                passed = deadline::passed;
                            }
                            p.addLast("frameEncoder", DapFrameEncoder.INSTANCE);
                            p.addLast("frameDecoder", new DapFrameDecoder(config.limits(), config.incompleteMessageTimeout()));
                            p.addLast("json", DapMessageValidator.INSTANCE);
                            p.addLast("session", new SessionBridge(starter,
                                    config.access().guardFor(ch.remoteAddress(), passed, () -> closeSoon(ch)), sessionThreads,
                                    config.log(), config.tls().isPresent()));
                            p.addLast("errors", errors);
                        }
                    })
                    .bind(config.bindAddress()).sync().channel();
            return new TcpServer(boss, workers, server, connections);
        } catch (Throwable e) { // a failed bind arrives as an undeclared BindException
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Closes a connection once the error response being written has had time to go out. */
    private static void closeSoon(SocketChannel ch) {
        ch.eventLoop().schedule(() -> ch.close(), 200, TimeUnit.MILLISECONDS);
    }

    /** The address actually bound (with the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    /** Stops accepting, closes every connection (and so every session), and stops the threads. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
