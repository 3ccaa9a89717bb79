package org.rapaio.jupyter.kernel.channels;

/**
 * Stands in for the rapaio kernel's own LoopThread (3.0.1; unchanged up to 3.0.4), which notebooks/run
 * puts first on the kernel JVM's classpath. The kernel's version sets its "running" flag only after
 * Thread.start(), so a channel thread scheduled at once sees it still false, leaves its loop and is
 * gone: when that is the shell channel, the kernel never answers kernel_info and nbconvert gives up
 * with "Kernel didn't respond in 60 seconds" (one start in two on a 2-core machine, three in a row in
 * CI). Here the flag is true before the thread starts. Same constructor and methods as the kernel's.
 */
public final class LoopThread extends Thread {

    private final long pauseMillis;
    private final Runnable body;
    private volatile boolean running = true;

    public LoopThread(String name, long pauseMillis, Runnable body) {
        super(name);
        this.pauseMillis = pauseMillis;
        this.body = body;
    }

    @Override
    public void run() {
        try {
            while (running) {
                body.run();
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            running = false;
        }
    }

    public void shutdown() {
        running = false;
    }
}
