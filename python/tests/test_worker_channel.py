"""The process worker's channel: framing, and busy-polling then blocking reads of the host's pipe."""
import os
import threading
import unittest

import dspex_worker as w


class ChannelTest(unittest.TestCase):
    def pipe(self, busy_poll):
        r, wr = os.pipe()
        self.addCleanup(lambda: [os.close(fd) for fd in (r, wr) if _open(fd)])
        return w.Channel(r, -1, busy_poll), r, wr

    def test_frames_are_read_whole_whether_polling_or_blocking(self):
        for busy_poll in (0.0, 50e-6, 0.5):
            with self.subTest(busy_poll=busy_poll):
                channel, r, wr = self.pipe(busy_poll)
                payload = bytearray()
                w.encode(("m", "f", (1, 2), {}), payload)
                frame = w._HEADER.pack(5 + len(payload), w.CALL, 7) + bytes(payload)
                # Split mid-header, then sent late: the reader must wait (poll, then block) for the rest.
                os.write(wr, frame[:3])
                timer = threading.Timer(0.05, lambda: (os.write(wr, frame[3:]), os.close(wr)))
                timer.start()
                frames = list(channel.frames())
                timer.join()
                self.assertEqual(1, len(frames))
                kind, ident, body = frames[0]
                self.assertEqual((w.CALL, 7), (kind, ident))
                self.assertEqual((("m", "f", (1, 2), {}), len(body)), w.decode(body, 0))

    def test_end_of_file_ends_the_frames_while_polling(self):
        channel, r, wr = self.pipe(0.5)
        os.close(wr)
        self.assertEqual([], list(channel.frames()))


def _open(fd):
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


if __name__ == "__main__":
    unittest.main()
