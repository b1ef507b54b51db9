package io.cigraph.graph;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neo4j.bolt.BoltServer;
import org.neo4j.bolt.protocol.common.connector.Connector;
import org.neo4j.bolt.protocol.common.connector.netty.AbstractNettyConnector;
import org.neo4j.bolt.protocol.common.connector.netty.SocketNettyConnector;
import org.neo4j.common.DependencyResolver;

/**
 * Keeps browsers off the Bolt port. Neo4j's Bolt connector answers any HTTP request on its port
 * with a WebSocket handshake, whatever the page's {@code Origin}, and it has no setting to turn that
 * off: a web page could speak Bolt to the loopback server of whoever opens it. This gate looks at
 * the first bytes of every new connection, before Neo4j does: the Bolt preamble (drivers and tools)
 * passes untouched; an HTTP request passes only when it is a handshake from one of the configured
 * origins, and is otherwise answered 403 and closed.
 * <p>
 * It sits in the Bolt server's Netty pipeline, which Neo4j does not expose: it is found by
 * reflection, and a start that cannot find it fails rather than run with the door open.
 */
final class BoltGate extends ByteToMessageDecoder {

    /** The largest HTTP request head looked at: Neo4j's own handshake limit. */
    private static final int MAX_HEAD = 65536;
    private static final String REASON = "WebSocket connections from this origin are not allowed on this Bolt port.";
    private static final byte[] REFUSED = ("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + "Content-Length: " + REASON.length() + "\r\n\r\n" + REASON).getBytes(StandardCharsets.US_ASCII);

    private final Set<String> origins;

    private BoltGate(Set<String> origins) {
        this.origins = origins;
    }

    /** Puts a gate in front of every connection the TCP Bolt connectors of this server accept from now on. */
    static void install(DependencyResolver dependencies, List<String> origins) {
        Set<String> allowed = Set.copyOf(origins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).toList());
        try {
            BoltServer server = dependencies.resolveDependency(BoltServer.class);
            @SuppressWarnings("unchecked")
            List<Connector<?>> connectors = (List<Connector<?>>) field(BoltServer.class, "connectors").get(server);
            int gated = 0;
            for (Connector<?> connector : connectors) {
                if (connector instanceof SocketNettyConnector) {
                    Channel channel = (Channel) field(AbstractNettyConnector.class, "channel").get(connector);
                    channel.pipeline().addFirst("cigraph-bolt-gate", new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
                            if (accepted instanceof Channel child) {
                                child.pipeline().addFirst("cigraph-bolt-gate", new BoltGate(allowed));
                            }
                            ctx.fireChannelRead(accepted);
                        }
                    });
                    gated++;
                }
            }
            if (gated == 0) {
                throw new IllegalStateException("no TCP Bolt connector found");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot guard the Bolt port against WebSocket connections from web pages "
                    + "(has this Neo4j version changed its Bolt server?)", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        if (!startsWith(in, "GET ")) {
            ctx.pipeline().remove(this);
            return;
        }
        int end = indexOf(in, "\r\n\r\n");
        if (end < 0 && in.readableBytes() < MAX_HEAD) {
            return;
        }
        String origin = end < 0 ? null : origin(in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1));
        if (origin != null && origins.contains(origin)) {
            ctx.pipeline().remove(this);
            return;
        }
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(REFUSED)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The request's {@code Origin} header, lower case, or {@code null}. */
    static String origin(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("origin")) {
                return line.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static boolean startsWith(ByteBuf in, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (in.getByte(in.readerIndex() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ByteBuf in, String needle) {
        int last = in.writerIndex() - needle.length();
        for (int i = in.readerIndex(); i <= last; i++) {
            int j = 0;
            while (j < needle.length() && in.getByte(i + j) == needle.charAt(j)) {
                j++;
            }
            if (j == needle.length()) {
                return i;
            }
        }
        return -1;
    }
}
