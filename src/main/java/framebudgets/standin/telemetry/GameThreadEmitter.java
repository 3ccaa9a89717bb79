package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * GameThread: one {@code FEngineLoop::Tick} (depth 1) per planned frame, with the nesting of the
 * Unreal catalogue (Frame > FrameTime > GameEngine Tick > UWorld_Tick > World Tick Time > tick
 * groups > FTickFunctionTask > actor spans, Slate, Frame Sync Time, ...). The frame limiter sleep
 * absorbs slack; a hitch's extra time lands in its cause (CollectGarbageInternal, LoadObject,
 * Frame Sync Time for PSO compiles). A physics regression (see {@link GeneratorSettings}) makes
 * {@code TG_EndPhysics} longer in every frame, taken from the sleep while the frame has slack.
 */
final class GameThreadEmitter extends ThreadEmitter {

    private static final double[] FRAME_TIME_2 = weights(0.04, 0.62, 0.01, 0.015, 0.12, 0.13, 0.03);
    private static final double[] GAME_ENGINE = weights(0.01, 0.80, 0.01, 0.03, 0.05, 0.12);
    private static final double[] WORLD_TICK = weights(0.06, 0.42, 0.16, 0.05, 0.02, 0.03, 0.10, 0.07, 0.02);
    private static final double[] TICK_TIME_1 = weights(0.6, 0.1, 0.1, 0.2);
    private static final double[] TICK_TIME_2 = weights(0.75, 0.2, 0.05);
    private static final double[] SLATE = weights(0.1, 0.1, 0.7, 0.1);

    private final long physicsRegressionNs;

    GameThreadEmitter(ThreadRecorder recorder, SplittableRandom random, FrameTimeline timeline, double scale,
            long physicsRegressionNs) {
        super(recorder, random, timeline, scale);
        this.physicsRegressionNs = physicsRegressionNs;
    }

    @Override
    double spansPerFrame() {
        return 62 + 2.3 * 55 * scale;
    }

    @Override
    long activityBegin(int frame) {
        return timeline.begin[frame];
    }

    @Override
    long activityEnd(int frame) {
        return timeline.end(frame);
    }

    @Override
    void emit(int f) throws SQLException {
        long begin = timeline.begin[f];
        long end = timeline.end(f);
        byte kind = timeline.kind[f];
        long period = timeline.periodNs;
        recorder.open("FEngineLoop::Tick", begin);
        long cursor = begin + gap();
        long heartbeatEnd = cursor + micros(5, 20);
        recorder.leaf("HeartBeat", cursor, heartbeatEnd);
        cursor = heartbeatEnd + gap();
        long hotfixEnd = cursor + micros(5, 20);
        recorder.leaf("TickHotfixables", cursor, hotfixEnd);
        cursor = hotfixEnd + gap();

        long frameEnd = end - micros(10, 30);
        recorder.open("Frame", cursor);
        long inner = frameEnd - cursor;
        long fixed = micros(150, 250);
        long planned = Math.round(period * random.nextDouble(0.62, 0.78));
        long room = Math.max(0, inner - fixed - 50_000);
        long work = Math.min(planned + physicsRegressionNs, room);
        long slowerPhysics = work - Math.min(planned, room);
        long extra = kind == FrameTimeline.NORMAL ? 0 : Math.max(0, inner - fixed - work - micros(60, 300));
        long sleep = Math.max(20_000, inner - fixed - work - extra);

        long frameTime1End = cursor + sleep + micros(90, 130);
        recorder.open("FrameTime", cursor);
        leaves(cursor, frameTime1End, new String[] {"STAT_FEngineLoop_UpdateTimeAndHandleMaxTickRate",
                "STAT_FEngineLoop_TickFPSChart", "MetricPublisher::Tick", "FSamplingController::Tick"});
        recorder.close(frameTime1End);

        long frameTime2Begin = frameTime1End + gap();
        long frameTime2End = Math.min(frameEnd - micros(30, 60), frameTime2Begin + work + extra);
        recorder.open("FrameTime", frameTime2Begin);
        frameTime2(frameTime2Begin, frameTime2End, kind, extra, slowerPhysics);
        recorder.close(frameTime2End);

        long advanceBegin = frameTime2End + gap();
        recorder.leaf("FStats::AdvanceFrame", advanceBegin, Math.min(frameEnd, advanceBegin + micros(10, 25)));
        recorder.close(frameEnd);
        recorder.close(end);
    }

    private void frameTime2(long begin, long end, byte kind, long extra, long slowerPhysics) throws SQLException {
        int extraChild = switch (kind) {
            case FrameTimeline.PSO -> 5;
            case FrameTimeline.SPIKE -> new int[] {1, 4, 5}[random.nextInt(3)];
            default -> 1;
        };
        long[] extras = new long[FRAME_TIME_2.length];
        extras[extraChild] = extra;
        extras[1] += slowerPhysics;
        long[] s = split(begin, end, FRAME_TIME_2, extras);
        recorder.leaf("STAT_FEngineLoop_Tick_SlateInput", s[0], s[1]);
        recorder.open("GameEngine Tick", s[2]);
        gameEngineTick(s[2], s[3], kind, extraChild == 1 ? extra : 0, slowerPhysics);
        recorder.close(s[3]);
        recorder.leaf("STAT_FEngineLoop_ProcessPlayerControllersSlateOperations", s[4], s[5]);
        recorder.leaf("Slate::Tick (Platform and Input)", s[6], s[7]);
        recorder.open("Slate::Tick (Time and Widgets)", s[8]);
        long slateBegin = s[8] + gap();
        long slateEnd = s[9] - gap();
        recorder.open("Total Slate Tick Time", slateBegin);
        leaves(slateBegin + gap(), slateEnd - gap(), new String[] {"Slate::TickPlatform", "PreTickEvent",
                "Slate::DrawWindows", "Flush End of Frame Animations"});
        recorder.close(slateEnd);
        recorder.close(s[9]);
        recorder.leaf("Frame Sync Time", s[10], s[11]);
        recorder.leaf("Deferred Tick Time", s[12], s[13]);
    }

    private void gameEngineTick(long begin, long end, byte kind, long extra, long slowerPhysics) throws SQLException {
        long[] s = split(begin, end, GAME_ENGINE, 1, extra + slowerPhysics);
        recorder.leaf("STAT_UGameEngine_Tick_TickWorldTravel", s[0], s[1]);
        recorder.open("UWorld_Tick", s[2]);
        long worldBegin = s[2] + gap();
        long worldEnd = s[3] - gap();
        recorder.open("World Tick Time", worldBegin);
        worldTick(worldBegin, worldEnd, kind, extra, slowerPhysics);
        recorder.close(worldEnd);
        recorder.close(s[3]);
        recorder.leaf("GameViewport Tick", s[4], s[5]);
        recorder.leaf("STAT_UGameEngine_Tick_IStreamingManager", s[6], s[7]);
        recorder.leaf("Audio Update Time", s[8], s[9]);
        recorder.leaf("RedrawViewports", s[10], s[11]);
    }

    private void worldTick(long begin, long end, byte kind, long extra, long slowerPhysics) throws SQLException {
        boolean garbage = kind == FrameTimeline.GC || kind == FrameTimeline.GC_PURGE;
        long[] extras = new long[WORLD_TICK.length];
        extras[garbage ? 8 : 1] = extra;
        extras[1] += slowerPhysics;
        long[] s = split(begin, end, WORLD_TICK, extras);
        recorder.leaf("Net Tick Time", s[0], s[1]);

        recorder.open("Tick Time", s[2]);
        long[] t = split(s[2], s[3], TICK_TIME_1, new long[] {garbage ? 0 : extra, 0, 0, slowerPhysics});
        recorder.open("TG_PrePhysics", t[0]);
        tickFunctions(t[0], t[1], scaled(38, 1), kind == FrameTimeline.LOAD ? extra : 0);
        recorder.close(t[1]);
        recorder.open("TG_StartPhysics", t[2]);
        recorder.leaf("FStartPhysicsTickFunction_ExecuteTick", t[2] + gap(), t[3] - gap());
        recorder.close(t[3]);
        recorder.leaf("Start TG_DuringPhysics", t[4], t[5]);
        recorder.leaf("TG_EndPhysics", t[6], t[7]);
        recorder.close(s[3]);

        recorder.open("Tick Time", s[4]);
        long[] u = split(s[4], s[5], TICK_TIME_2, -1, 0);
        recorder.open("TG_PostPhysics", u[0]);
        tickFunctions(u[0], u[1], scaled(17, 0), 0);
        recorder.close(u[1]);
        recorder.leaf("TG_PostUpdateWork", u[2], u[3]);
        recorder.leaf("TG_LastDemotable", u[4], u[5]);
        recorder.close(s[5]);

        recorder.leaf("GT Tickable Time", s[6], s[7]);
        recorder.leaf("Update Camera Time", s[8], s[9]);
        recorder.leaf("UpdateStreamingState Time", s[10], s[11]);
        recorder.open("NetBroadcastTickTime", s[12]);
        recorder.leaf("GameNetDriver", s[12] + gap(), s[13] - gap());
        recorder.close(s[13]);
        recorder.open("FXSystem", s[14]);
        recorder.leaf("Niagara Manager Tick [GT]", s[14] + gap(), s[15] - gap());
        recorder.close(s[15]);
        recorder.open("ConditionalCollectGarbage", s[16]);
        if (kind == FrameTimeline.GC) {
            long purge = micros(100, 400);
            recorder.leaf("CollectGarbageInternal", s[16] + gap(), s[17] - purge - 2 * gap());
            recorder.leaf("IncrementalPurgeGarbage", s[17] - purge - gap(), s[17] - gap());
        } else {
            recorder.leaf("IncrementalPurgeGarbage", s[16] + gap(), s[17] - gap());
        }
        recorder.close(s[17]);
    }

    /** {@code count} FTickFunctionTasks filling [begin, end]; a sync load (if any) sits in the first. */
    private void tickFunctions(long begin, long end, int count, long loadExtra) throws SQLException {
        if (count == 0) {
            return;
        }
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            w[i] = random.nextExponential() + 0.1;
        }
        long[] s = split(begin, end, w, 0, loadExtra);
        for (int i = 0; i < count; i++) {
            long taskBegin = s[2 * i];
            long taskEnd = s[2 * i + 1];
            recorder.open("FTickFunctionTask", taskBegin);
            String actor = UnrealSpanCatalogue.ACTOR_TICKS[random.nextInt(UnrealSpanCatalogue.ACTOR_TICKS.length)];
            long inner = taskBegin + gap();
            if (i == 0 && loadExtra > 0) {
                long loadEnd = inner + loadExtra - 4_000;
                recorder.leaf("LoadObject", inner, loadEnd);
                inner = loadEnd + gap();
            }
            long actorEnd = Math.max(inner, taskEnd - gap());
            recorder.open(actor, inner);
            if (actor.endsWith("_C") && random.nextInt(3) > 0) {
                recorder.leaf("Blueprint Time", inner + gap(), Math.max(inner + gap(), actorEnd - gap()));
            }
            recorder.close(actorEnd);
            recorder.close(taskEnd);
        }
    }
}
