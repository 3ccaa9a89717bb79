package framebudgets.standin.telemetry;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unreal Engine CPU span names the generator uses, with the target (engine module) and source
 * location micromegas would record for them (names from the Unreal CPU trace catalogue; lines are
 * plausible, not exact).
 */
final class UnrealSpanCatalogue {

    /** Actor spans named after the ticking actor's class (MICROMEGAS_SPAN_NAME on FActorTickFunction). */
    static final String[] ACTOR_TICKS = {
        "UCharacterMovementComponent_TickComponent", "USkeletalMeshComponent_TickAnimation",
        "USkinnedMeshComponent_TickComponent", "PlayerController Tick", "BT Tick", "Blueprint Time",
        "BP_Enemy_C", "BP_Door_C", "BP_Pickup_C", "BP_Turret_C",
    };

    static final String[] RENDER_COMMANDS = {
        "SkelMeshObjectUpdateDataCommand", "UpdateTransformCommand", "NiagaraSetDynamicData",
        "SetMIParameterValue", "FRemovePrimitiveCommand",
    };

    static final String[] RHI_PASSES = {"SceneStart", "Opaque", "Shadows", "Translucency", "Post", "SceneEnd"};

    private static final String[][] ENTRIES = {
        // name, target, file, line
        {"FEngineLoop::Tick", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5541"},
        {"HeartBeat", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5560"},
        {"TickHotfixables", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5575"},
        {"Frame", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5590"},
        {"FrameTime", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5622"},
        {"STAT_FEngineLoop_UpdateTimeAndHandleMaxTickRate", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5640"},
        {"STAT_FEngineLoop_TickFPSChart", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5660"},
        {"MetricPublisher::Tick", "MicromegasTelemetrySink", "MicromegasTelemetrySink/Private/MetricPublisher.cpp", "48"},
        {"FSamplingController::Tick", "MicromegasTelemetrySink", "MicromegasTelemetrySink/Private/SamplingController.cpp", "61"},
        {"FStats::AdvanceFrame", "Core", "Runtime/Core/Private/Stats/Stats2.cpp", "1432"},
        {"STAT_FEngineLoop_Tick_SlateInput", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5801"},
        {"GameEngine Tick", "Engine", "Runtime/Engine/Private/GameEngine.cpp", "1752"},
        {"STAT_UGameEngine_Tick_TickWorldTravel", "Engine", "Runtime/Engine/Private/GameEngine.cpp", "1790"},
        {"UWorld_Tick", "Engine", "Runtime/Engine/Private/GameEngine.cpp", "1850"},
        {"World Tick Time", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1412"},
        {"Net Tick Time", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1470"},
        {"Tick Time", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1530"},
        {"TG_PrePhysics", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1560"},
        {"TG_StartPhysics", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1563"},
        {"FStartPhysicsTickFunction_ExecuteTick", "Engine", "Runtime/Engine/Private/PhysicsEngine/PhysLevel.cpp", "181"},
        {"Start TG_DuringPhysics", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1566"},
        {"TG_EndPhysics", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1569"},
        {"TG_PostPhysics", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1600"},
        {"TG_PostUpdateWork", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1620"},
        {"TG_LastDemotable", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1623"},
        {"FTickFunctionTask", "Engine", "Runtime/Engine/Private/TickTaskManager.cpp", "282"},
        {"LoadObject", "CoreUObject", "Runtime/CoreUObject/Private/UObject/UObjectGlobals.cpp", "1211"},
        {"UCharacterMovementComponent_TickComponent", "Engine", "Runtime/Engine/Private/Components/CharacterMovementComponent.cpp", "1305"},
        {"USkeletalMeshComponent_TickAnimation", "Engine", "Runtime/Engine/Private/Components/SkeletalMeshComponent.cpp", "1592"},
        {"USkinnedMeshComponent_TickComponent", "Engine", "Runtime/Engine/Private/Components/SkinnedMeshComponent.cpp", "1061"},
        {"PlayerController Tick", "Engine", "Runtime/Engine/Private/PlayerController.cpp", "4880"},
        {"BT Tick", "AIModule", "Runtime/AIModule/Private/BehaviorTree/BehaviorTreeComponent.cpp", "1520"},
        {"Blueprint Time", "CoreUObject", "Runtime/CoreUObject/Private/UObject/ScriptCore.cpp", "2040"},
        {"BP_Enemy_C", "Engine::FActorTickFunction::ExecuteTick", "Runtime/Engine/Private/Actor.cpp", "240"},
        {"BP_Door_C", "Engine::FActorTickFunction::ExecuteTick", "Runtime/Engine/Private/Actor.cpp", "240"},
        {"BP_Pickup_C", "Engine::FActorTickFunction::ExecuteTick", "Runtime/Engine/Private/Actor.cpp", "240"},
        {"BP_Turret_C", "Engine::FActorTickFunction::ExecuteTick", "Runtime/Engine/Private/Actor.cpp", "240"},
        {"GT Tickable Time", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1690"},
        {"Update Camera Time", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1710"},
        {"UpdateStreamingState Time", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1730"},
        {"NetBroadcastTickTime", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1760"},
        {"GameNetDriver", "Engine", "Runtime/Engine/Private/NetDriver.cpp", "812"},
        {"FXSystem", "Engine", "Runtime/Engine/Private/LevelTick.cpp", "1790"},
        {"Niagara Manager Tick [GT]", "Niagara", "Niagara/Private/NiagaraWorldManager.cpp", "1310"},
        {"ConditionalCollectGarbage", "Engine", "Runtime/Engine/Private/World.cpp", "1630"},
        {"CollectGarbageInternal", "CoreUObject", "Runtime/CoreUObject/Private/UObject/GarbageCollection.cpp", "5102"},
        {"IncrementalPurgeGarbage", "CoreUObject", "Runtime/CoreUObject/Private/UObject/GarbageCollection.cpp", "4540"},
        {"GameViewport Tick", "Engine", "Runtime/Engine/Private/GameEngine.cpp", "1880"},
        {"STAT_UGameEngine_Tick_IStreamingManager", "Engine", "Runtime/Engine/Private/GameEngine.cpp", "1900"},
        {"Audio Update Time", "AudioMixer", "Runtime/Engine/Private/AudioDevice.cpp", "4210"},
        {"RedrawViewports", "Engine", "Runtime/Engine/Private/GameEngine.cpp", "1930"},
        {"STAT_FEngineLoop_ProcessPlayerControllersSlateOperations", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5830"},
        {"Slate::Tick (Platform and Input)", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1590"},
        {"Slate::Tick (Time and Widgets)", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1620"},
        {"Total Slate Tick Time", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1640"},
        {"Slate::TickPlatform", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1660"},
        {"PreTickEvent", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1680"},
        {"Slate::DrawWindows", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1100"},
        {"Flush End of Frame Animations", "Slate", "Runtime/Slate/Private/Framework/Application/SlateApplication.cpp", "1700"},
        {"Frame Sync Time", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5880"},
        {"Deferred Tick Time", "Launch", "Runtime/Launch/Private/LaunchEngineLoop.cpp", "5900"},
        {"ProcessAsyncLoading", "CoreUObject", "Runtime/CoreUObject/Private/Serialization/AsyncLoading2.cpp", "6010"},
        {"LoadMap", "Engine", "Runtime/Engine/Private/UnrealEngine.cpp", "14100"},
        // RenderThread
        {"BeginFrame", "RenderCore", "Runtime/RenderCore/Private/RenderingThread.cpp", "1210"},
        {"ResetDeferredUpdates", "Renderer", "Runtime/Renderer/Private/SceneRendering.cpp", "4410"},
        {"SkelMeshObjectUpdateDataCommand", "Engine", "Runtime/Engine/Private/SkeletalRenderGPUSkin.cpp", "540"},
        {"UpdateTransformCommand", "Renderer", "Runtime/Renderer/Private/RendererScene.cpp", "2310"},
        {"NiagaraSetDynamicData", "Niagara", "Niagara/Private/NiagaraComponent.cpp", "2120"},
        {"SetMIParameterValue", "Engine", "Runtime/Engine/Private/Materials/MaterialInstance.cpp", "1560"},
        {"FRemovePrimitiveCommand", "Renderer", "Runtime/Renderer/Private/RendererScene.cpp", "2480"},
        {"FDrawSceneCommand", "Renderer", "Runtime/Renderer/Private/SceneRendering.cpp", "4890"},
        {"RenderViewFamily", "Renderer", "Runtime/Renderer/Private/SceneRendering.cpp", "4700"},
        {"Scene::UpdateAllPrimitiveSceneInfos", "Renderer", "Runtime/Renderer/Private/RendererScene.cpp", "4980"},
        {"FDeferredShadingSceneRenderer_Render", "Renderer", "Runtime/Renderer/Private/DeferredShadingRenderer.cpp", "2320"},
        {"InitViews", "Renderer", "Runtime/Renderer/Private/SceneVisibility.cpp", "5010"},
        {"View Visibility", "Renderer", "Runtime/Renderer/Private/SceneVisibility.cpp", "5040"},
        {"ProcessVisibilityTasks", "Renderer", "Runtime/Renderer/Private/SceneVisibility.cpp", "5070"},
        {"OcclusionCull", "Renderer", "Runtime/Renderer/Private/SceneVisibility.cpp", "2100"},
        {"FinalizeRelevance", "Renderer", "Runtime/Renderer/Private/SceneVisibility.cpp", "3300"},
        {"GatherDynamicMeshElements", "Renderer", "Runtime/Renderer/Private/SceneRendering.cpp", "3650"},
        {"PrePass", "Renderer", "Runtime/Renderer/Private/DepthRendering.cpp", "840"},
        {"FDeferredShadingSceneRenderer_RenderBasePass", "Renderer", "Runtime/Renderer/Private/BasePassRendering.cpp", "1020"},
        {"PipelineStateCache::GetAndOrCreateGraphicsPipelineState", "RHI", "Runtime/RHI/Private/PipelineStateCache.cpp", "2650"},
        {"FSceneRenderer_RenderShadowDepthMaps", "Renderer", "Runtime/Renderer/Private/ShadowDepthRendering.cpp", "1780"},
        {"FDeferredShadingSceneRenderer_RenderLights", "Renderer", "Runtime/Renderer/Private/LightRendering.cpp", "1290"},
        {"FRDGBuilder::Execute", "RenderCore", "Runtime/RenderCore/Private/RenderGraphBuilder.cpp", "1930"},
        {"Compile", "RenderCore", "Runtime/RenderCore/Private/RenderGraphBuilder.cpp", "1410"},
        {"Collect Resources", "RenderCore", "Runtime/RenderCore/Private/RenderGraphBuilder.cpp", "2010"},
        {"FRDGBuilder::ExecutePasses", "RenderCore", "Runtime/RenderCore/Private/RenderGraphBuilder.cpp", "2120"},
        {"FRDGBuilder::SubmitBufferUploads", "RenderCore", "Runtime/RenderCore/Private/RenderGraphBuilder.cpp", "2330"},
        {"SlateDrawWindowsCommand", "SlateRHIRenderer", "Runtime/SlateRHIRenderer/Private/SlateRHIRenderer.cpp", "1490"},
        {"TickRenderingTimer", "RenderCore", "Runtime/RenderCore/Private/TickableObjectRenderThread.cpp", "60"},
        {"EndFrame", "RenderCore", "Runtime/RenderCore/Private/RenderingThread.cpp", "1240"},
        // RHIThread
        {"RHI Thread Execute", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "780"},
        {"SceneStart", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "790"},
        {"Opaque", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "790"},
        {"Shadows", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "790"},
        {"Translucency", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "790"},
        {"Post", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "790"},
        {"SceneEnd", "RHI", "Runtime/RHI/Private/RHICommandList.cpp", "790"},
        {"Present", "D3D12RHI", "Runtime/D3D12RHI/Private/D3D12Viewport.cpp", "1040"},
        // workers
        {"FParallelAnimationEvaluationTask", "Engine", "Runtime/Engine/Private/Components/SkeletalMeshComponent.cpp", "2010"},
        {"FPhysicsSolverAdvanceTask", "Chaos", "Runtime/Experimental/Chaos/Private/PhysicsSolverBase.cpp", "420"},
        {"FSimpleDelegateGraphTask.FinishPhysicsSim", "Engine", "Runtime/Engine/Private/PhysicsEngine/PhysScene_Chaos.cpp", "1330"},
        {"FNiagaraSystemInstanceFinalizeTask", "Niagara", "Niagara/Private/NiagaraSystemInstance.cpp", "2870"},
        {"ParallelFor", "Core", "Runtime/Core/Public/Async/ParallelFor.h", "450"},
        {"ExecuteTask", "Core", "Runtime/Core/Private/Async/TaskGraph.cpp", "870"},
    };

    private UnrealSpanCatalogue() {}

    /** Registers every catalogue entry with {@code writer}; returns scope ids by span name. */
    static Map<String, Integer> register(TelemetryWriter writer) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        for (String[] entry : ENTRIES) {
            ids.put(entry[0], writer.scope(entry[0], entry[1], entry[2], Integer.parseInt(entry[3])));
        }
        return ids;
    }
}
