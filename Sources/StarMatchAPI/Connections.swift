public import HummingbirdCore
public import Logging
public import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// How long a connection may stay silent: between requests, within a request's header, or within its body
/// (`starmatch serve --idle-timeout`). Past it the server closes the connection, so half-sent headers, stalled
/// bodies and idle keep-alive connections do not pile up towards the file-descriptor limit.
public enum ConnectionLimits {
    public static let defaultIdleTimeout: TimeAmount = .seconds(30)
    /// The slowest body the server waits for, after the idle timeout's worth of grace: a body trickled slower
    /// (one byte every few seconds keeps a connection from ever being idle) is cut off and its connection closed.
    public static let minimumBodyBytesPerSecond = 1_024
}

/// The HTTP/1 connections the server accepts: Hummingbird's HTTP/1 channel with an idle timeout, plus HTTP/1's
/// persistence rules (RFC 9112 §9.3): a request that does not ask to keep the connection — HTTP/1.0 without
/// `Connection: keep-alive`, or any request with `Connection: close` — gets `Connection: close` on its response, and
/// the connection is closed once that response is written.
public struct StarMatchHTTP1Channel: ServerChildChannel {
    let inner: HTTP1Channel

    let bodyGrace: TimeAmount
    let minimumBodyRate: Int

    /// - Parameters:
    ///   - responder: the router's responder (from `HTTPServerBuilder`).
    ///   - idleTimeout: see `ConnectionLimits`; also the grace before a body's rate is held to `minimumBodyRate`.
    ///   - minimumBodyRate: bytes per second (see `ConnectionLimits.minimumBodyBytesPerSecond`).
    public init(responder: @escaping HTTPChannelHandler.Responder, idleTimeout: TimeAmount,
                minimumBodyRate: Int = ConnectionLimits.minimumBodyBytesPerSecond) {
        inner = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout))
        bodyGrace = idleTimeout
        self.minimumBodyRate = minimumBodyRate
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Between NIO's HTTP/1 decoder (which knows the version) and the conversion to HTTP types (which drops it).
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(ConnectionPersistenceHandler(), position: .before(codec))
            try channel.pipeline.syncOperations.addHandler(BodyRateHandler(grace: bodyGrace, minimumRate: minimumBodyRate), position: .before(codec))
            try channel.pipeline.syncOperations.addHandler(WriteStallHandler(timeout: bodyGrace), position: .before(codec))
            return value
        }
    }

    public func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with StarMatch's connection rules (`StarMatchHTTP1Channel`).
    public static func starMatchHTTP1(idleTimeout: TimeAmount = ConnectionLimits.defaultIdleTimeout,
                                      minimumBodyRate: Int = ConnectionLimits.minimumBodyBytesPerSecond) -> HTTPServerBuilder {
        .init { responder in StarMatchHTTP1Channel(responder: responder, idleTimeout: idleTimeout, minimumBodyRate: minimumBodyRate) }
    }
}

/// Marks each request that does not keep its connection (`HTTPRequestHead.isKeepAlive` is false) with
/// `Connection: close` (so Hummingbird reads no further request), answers it with `Connection: close`, and closes
/// the connection after that response's end. Pipelined requests are answered in order, so the marks are a queue.
final class ConnectionPersistenceHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// What a response says about its connection: HTTP/1.1 keeps it by default, HTTP/1.0 only when asked.
    enum Persistence { case keepByDefault, keepAsked, close }

    /// One entry per request read and not yet answered.
    private var pending: [Persistence] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
        if !head.isKeepAlive {
            pending.append(.close)
            head.headers.replaceOrAdd(name: "connection", value: "close")
        } else {
            pending.append(head.version == .http1_0 ? .keepAsked : .keepByDefault)
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let persistence = pending.first ?? .keepByDefault
        switch unwrapOutboundIn(data) {
        case .head(var head) where persistence != .keepByDefault:
            head.headers.replaceOrAdd(name: "connection", value: persistence == .close ? "close" : "keep-alive")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            if !pending.isEmpty { pending.removeFirst() }
            guard persistence == .close else { return context.write(data, promise: promise) }
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.whenComplete { _ in context.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }
}

/// Closes a connection whose request body arrives slower than `minimumRate` bytes per second on average, once
/// `grace` has passed since its head: the idle timeout alone never fires on a body trickled a byte at a time.
final class BodyRateHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    let grace: TimeAmount
    let minimumRate: Int
    private var started: NIODeadline?
    private var received = 0

    init(grace: TimeAmount, minimumRate: Int) {
        self.grace = grace
        self.minimumRate = minimumRate
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            started = .now()
            received = 0
        case .body(let buffer):
            received += buffer.readableBytes
            if let started {
                let elapsed = NIODeadline.now() - started
                if elapsed > grace && Int64(received) * 1_000_000_000 < Int64(minimumRate) * elapsed.nanoseconds {
                    context.close(promise: nil)
                    return
                }
            }
        case .end:
            started = nil
        }
        context.fireChannelRead(data)
    }
}

/// Closes a connection whose client stops reading: once the socket's send buffer is full (the channel is not
/// writable) for `timeout` in a row. The idle timeout does not cover it — a request being answered is not idle.
final class WriteStallHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let timeout: TimeAmount
    private var pending: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            pending?.cancel()
            pending = nil
        } else if pending == nil {
            let channel = context.channel
            pending = context.eventLoop.scheduleTask(in: timeout) {
                if !channel.isWritable { channel.close(promise: nil) }
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        pending?.cancel()
        pending = nil
    }
}
