package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * RenderThread 0: the render commands of GameThread frame N start late in that frame and run into
 * frame N+1, so many of them cross GameThread frame boundaries. A PSO hitch shows up here as a long
 * {@code PipelineStateCache::GetAndOrCreateGraphicsPipelineState} in the base pass.
 */
final class RenderThreadEmitter extends ThreadEmitter {

    private static final double[] FRAME = weights(0.01, 0.01, 0.10, 0.75, 0.10, 0.01, 0.01);
    private static final double[] VIEW_FAMILY = weights(0.08, 0.62, 0.30);
    private static final double[] RENDERER = weights(0.30, 0.12, 0.25, 0.18, 0.15);
    private static final double[] RDG = weights(0.1, 0.1, 0.7, 0.1);

    private long previousEnd = Long.MIN_VALUE;

    RenderThreadEmitter(ThreadRecorder recorder, SplittableRandom random, FrameTimeline timeline, double scale) {
        super(recorder, random, timeline, scale);
    }

    @Override
    double spansPerFrame() {
        return 32 + 45 * scale;
    }

    @Override
    long activityBegin(int frame) {
        return timeline.begin[frame] + Math.round(timeline.periodNs * 0.6);
    }

    @Override
    long activityEnd(int frame) {
        return activityBegin(frame) + timeline.periodNs + psoExtra(frame);
    }

    private long psoExtra(int frame) {
        int next = frame + 1;
        return next < timeline.frames() && timeline.kind[next] == FrameTimeline.PSO
                ? timeline.duration[next] - timeline.periodNs : 0;
    }

    @Override
    void emit(int f) throws SQLException {
        long begin = Math.max(activityBegin(f), previousEnd + gap());
        long pso = psoExtra(f);
        long end = begin + Math.round(timeline.periodNs * random.nextDouble(0.45, 0.7)) + pso;
        long[] s = split(begin, end, FRAME, 3, pso);
        recorder.leaf("BeginFrame", s[0], s[1]);
        recorder.leaf("ResetDeferredUpdates", s[2], s[3]);
        int commands = scaled(45, 0);
        if (commands > 0) {
            String[] names = new String[commands];
            for (int i = 0; i < commands; i++) {
                names[i] = UnrealSpanCatalogue.RENDER_COMMANDS[random.nextInt(UnrealSpanCatalogue.RENDER_COMMANDS.length)];
            }
            leaves(s[4], s[5], names);
        }
        recorder.open("FDrawSceneCommand", s[6]);
        long familyBegin = s[6] + gap();
        long familyEnd = s[7] - gap();
        recorder.open("RenderViewFamily", familyBegin);
        long[] v = split(familyBegin, familyEnd, VIEW_FAMILY, 1, pso);
        recorder.leaf("Scene::UpdateAllPrimitiveSceneInfos", v[0], v[1]);
        renderer(v[2], v[3], pso);
        recorder.open("FRDGBuilder::Execute", v[4]);
        leaves(v[4] + gap(), v[5] - gap(), new String[] {"Compile", "Collect Resources",
                "FRDGBuilder::ExecutePasses", "FRDGBuilder::SubmitBufferUploads"});
        recorder.close(v[5]);
        recorder.close(familyEnd);
        recorder.close(s[7]);
        recorder.leaf("SlateDrawWindowsCommand", s[8], s[9]);
        recorder.leaf("TickRenderingTimer", s[10], s[11]);
        recorder.leaf("EndFrame", s[12], s[13]);
        previousEnd = s[13];
    }

    private void renderer(long begin, long end, long pso) throws SQLException {
        recorder.open("FDeferredShadingSceneRenderer_Render", begin);
        long[] r = split(begin + gap(), end - gap(), RENDERER, 2, pso);
        recorder.open("InitViews", r[0]);
        long visibilityBegin = r[0] + gap();
        long visibilityEnd = r[1] - gap();
        recorder.open("View Visibility", visibilityBegin);
        long tasksBegin = visibilityBegin + gap();
        long tasksEnd = visibilityEnd - gap();
        recorder.open("ProcessVisibilityTasks", tasksBegin);
        leaves(tasksBegin + gap(), tasksEnd - gap(), new String[] {"OcclusionCull", "FinalizeRelevance",
                "GatherDynamicMeshElements"});
        recorder.close(tasksEnd);
        recorder.close(visibilityEnd);
        recorder.close(r[1]);
        recorder.leaf("PrePass", r[2], r[3]);
        recorder.open("FDeferredShadingSceneRenderer_RenderBasePass", r[4]);
        if (pso > 0) {
            recorder.leaf("PipelineStateCache::GetAndOrCreateGraphicsPipelineState", r[4] + gap(), r[4] + pso);
        }
        recorder.close(r[5]);
        recorder.leaf("FSceneRenderer_RenderShadowDepthMaps", r[6], r[7]);
        recorder.leaf("FDeferredShadingSceneRenderer_RenderLights", r[8], r[9]);
        recorder.close(end);
    }
}
