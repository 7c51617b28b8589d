package dev.phasebot.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The client's side of stdin, telling when it ends: the client closing its pipe is how an MCP
 * stdio session ends, and the SDK's reader only stops its own thread then.
 */
final class EndOfInput extends FilterInputStream {

    private final CountDownLatch ended = new CountDownLatch(1);

    EndOfInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return seen(guarded(() -> super.read()));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return seen(guarded(() -> super.read(b, off, len)));
    }

    void await() throws InterruptedException {
        ended.await();
    }

    private int seen(int n) {
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            // A broken pipe ends the session as surely as a closed one.
            ended.countDown();
            throw e;
        }
    }

    private interface Read {
        int read() throws IOException;
    }
}
