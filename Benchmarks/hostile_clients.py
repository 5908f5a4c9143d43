#!/usr/bin/env python3
"""Hostile clients against a server on 127.0.0.1, for a bounded time, so scripts/bench can
measure how a normal client fares meanwhile: slowloris (one header byte per connection every
half second), 1 MB header lines, 10,000 headers, a declared 100 MB body sent slowly, and
malformed framing. Refuses any host but 127.0.0.1; stops by itself after --seconds."""
import argparse
import socket
import threading
import time

HOST = "127.0.0.1"


def connect(port):
    sock = socket.create_connection((HOST, port), timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def quietly(action):
    try:
        action()
    except OSError:
        pass


def slowloris(port, deadline, count):
    sockets = []
    for _ in range(count):
        try:
            sock = connect(port)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: a\r\n")
            sockets.append(sock)
        except OSError:
            pass
    while time.monotonic() < deadline:
        for index, sock in enumerate(sockets):
            try:
                sock.sendall(b"X")
            except OSError:
                # Closed by the server's header timeout, as it should be: replace it.
                quietly(sock.close)
                try:
                    sockets[index] = connect(port)
                    sockets[index].sendall(b"GET / HTTP/1.1\r\nHost: a\r\n")
                except OSError:
                    pass
        time.sleep(0.5)
    for sock in sockets:
        quietly(sock.close)


def repeat(port, deadline, payload_parts, pause=0.0):
    while time.monotonic() < deadline:
        try:
            sock = connect(port)
            for part in payload_parts:
                sock.sendall(part)
                if pause:
                    time.sleep(pause)
            sock.settimeout(2)
            quietly(lambda: sock.recv(65536))
            sock.close()
        except OSError:
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--slowloris", type=int, default=200)
    args = parser.parse_args()
    deadline = time.monotonic() + min(args.seconds, 120)
    big_line = [b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: ", b"a" * (1024 * 1024), b"\r\n\r\n"]
    many_headers = [b"GET / HTTP/1.1\r\nHost: a\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(10000)) + b"\r\n"]
    huge_body = [b"POST /v1/track HTTP/1.1\r\nHost: a\r\nContent-Length: 104857600\r\n\r\n"] + [b"x" * 4096] * 20
    bad_framing = [b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"]
    workers = [threading.Thread(target=slowloris, args=(args.port, deadline, args.slowloris))]
    workers += [threading.Thread(target=repeat, args=(args.port, deadline, big_line)) for _ in range(2)]
    workers.append(threading.Thread(target=repeat, args=(args.port, deadline, many_headers)))
    workers.append(threading.Thread(target=repeat, args=(args.port, deadline, huge_body, 0.05)))
    workers.append(threading.Thread(target=repeat, args=(args.port, deadline, bad_framing)))
    for worker in workers:
        worker.daemon = True
        worker.start()
    for worker in workers:
        worker.join(timeout=max(0.0, deadline - time.monotonic()) + 5)


if __name__ == "__main__":
    main()
