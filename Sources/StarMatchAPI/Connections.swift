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
}

/// The HTTP/1 connections the server accepts: Hummingbird's HTTP/1 channel with an idle timeout, plus HTTP/1's
/// persistence rules (RFC 9112 §9.3): a request that does not ask to keep the connection — HTTP/1.0 without
/// `Connection: keep-alive`, or any request with `Connection: close` — gets `Connection: close` on its response, and
/// the connection is closed once that response is written.
public struct StarMatchHTTP1Channel: ServerChildChannel {
    let inner: HTTP1Channel

    /// - Parameters:
    ///   - responder: the router's responder (from `HTTPServerBuilder`).
    ///   - idleTimeout: see `ConnectionLimits`.
    public init(responder: @escaping HTTPChannelHandler.Responder, idleTimeout: TimeAmount) {
        inner = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout))
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Between NIO's HTTP/1 decoder (which knows the version) and the conversion to HTTP types (which drops it).
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(ConnectionPersistenceHandler(), position: .before(codec))
            return value
        }
    }

    public func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with StarMatch's connection rules (`StarMatchHTTP1Channel`).
    public static func starMatchHTTP1(idleTimeout: TimeAmount = ConnectionLimits.defaultIdleTimeout) -> HTTPServerBuilder {
        .init { responder in StarMatchHTTP1Channel(responder: responder, idleTimeout: idleTimeout) }
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
