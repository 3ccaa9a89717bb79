//! Real micromegas telemetry for the frame-budget job: N processes instrumented with micromegas'
//! own tracing library and HTTP telemetry sink, each playing an Unreal-like game loop for S seconds
//! (a `GameThread` with `FEngineLoop::Tick` frames at ~60 fps, a render thread, two task workers,
//! a few hitches, the `Frame` metrics Unreal's sink sends, and a `build-version` process property).
//!
//!   real-micromegas-emitter --url http://127.0.0.1:8081 [--processes 2] [--seconds 20]
//!
//! Each process is a child of this one (`--child INDEX`); spans are mostly sleeps, so it is cheap.

use anyhow::{Context, Result, bail};
use micromegas::telemetry_sink::TelemetryGuardBuilder;
use micromegas::tracing::guards::TracingThreadGuard;
use micromegas::tracing::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const FRAME: Duration = Duration::from_nanos(16_666_667);
/// Actor ticks: blueprint classes (budget glob `BP_*_C`), perception (glob `*Perception*`), an unmapped one.
const ACTORS: [&str; 4] = ["BP_Enemy_C", "BP_Door_C", "AIPerceptionComponent", "UCharacterMovementComponent_TickComponent"];

fn main() -> Result<()> {
    let mut url = String::from("http://127.0.0.1:8081");
    let (mut processes, mut seconds, mut child) = (2u32, 20u64, None::<u32>);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => url = value,
            "--processes" => processes = value.parse().context("--processes")?,
            "--seconds" => seconds = value.parse().context("--seconds")?,
            "--child" => child = Some(value.parse().context("--child")?),
            other => bail!("unknown flag {other}"),
        }
    }
    match child {
        Some(index) => play(index, &url, Duration::from_secs(seconds)),
        None => spawn_processes(processes, &url, seconds),
    }
}

fn spawn_processes(processes: u32, url: &str, seconds: u64) -> Result<()> {
    let exe = std::env::current_exe()?;
    let mut children = Vec::new();
    for index in 0..processes {
        children.push(
            std::process::Command::new(&exe)
                .args(["--child", &index.to_string(), "--url", url, "--seconds", &seconds.to_string()])
                .env("MICROMEGAS_ENABLE_CPU_TRACING", "true")
                .env("MICROMEGAS_FLUSH_PERIOD", "2")
                .env_remove("MICROMEGAS_TELEMETRY_URL")
                .spawn()
                .context("starting an emitter process")?,
        );
    }
    let mut failed = 0;
    for mut c in children {
        failed += u32::from(!c.wait()?.success());
    }
    if failed > 0 {
        bail!("{failed} of {processes} emitter processes failed");
    }
    Ok(())
}

fn play(index: u32, url: &str, length: Duration) -> Result<()> {
    let _telemetry = TelemetryGuardBuilder::default()
        .with_telemetry_sink_url(url.to_string())
        .with_cpu_tracing_enabled(true)
        .with_system_metrics_enabled(false)
        .with_local_sink_enabled(false)
        .with_process_property("build-version".into(), format!("++FrameBudgets+Main-CL-{}", 52345 + index % 2))
        .build()?;
    let render_ns = Arc::new(AtomicU64::new(0));
    let (render_tx, render_rx) = channel::<u64>();
    let mut threads = vec![named("RenderThread 0", {
        let render_ns = render_ns.clone();
        move || render_thread(render_rx, render_ns)
    })?];
    let (done_tx, done_rx) = channel::<()>();
    let mut workers = Vec::new();
    for w in 0..2 {
        let (tx, rx) = channel::<u64>();
        let done = done_tx.clone();
        workers.push(tx);
        threads.push(named(&format!("Foreground Worker #{w}"), move || worker_thread(rx, done))?);
    }
    let game = named("GameThread", move || game_thread(length, workers, done_rx, render_tx, render_ns))?;
    game.join().expect("GameThread panicked");
    for t in threads {
        t.join().expect("a thread panicked");
    }
    Ok(())
}

/// A named thread with its own micromegas thread stream (flushed when the guard drops).
fn named(name: &str, body: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>> {
    Ok(thread::Builder::new().name(name.to_string()).spawn(move || {
        let _stream = TracingThreadGuard::new();
        body();
    })?)
}

fn game_thread(length: Duration, workers: Vec<Sender<u64>>, done: Receiver<()>, render: Sender<u64>, render_ns: Arc<AtomicU64>) {
    let start = Instant::now();
    let mut deadline = start;
    let (mut last_begin, mut last_work) = (start, Duration::ZERO);
    let mut frame = 0u64;
    while start.elapsed() < length {
        span_scope!("FEngineLoop::Tick");
        { span_scope!("HeartBeat"); }
        let work_begin;
        {
            span_scope!("FrameTime");
            {
                span_scope!("STAT_FEngineLoop_UpdateTimeAndHandleMaxTickRate");
                deadline += FRAME;
                let now = Instant::now();
                if deadline > now {
                    thread::sleep(deadline - now);
                } else {
                    deadline = now;
                }
            }
            let begin = Instant::now();
            work_begin = begin;
            {
                span_scope!("MetricPublisher::Tick");
                let delta = (begin - last_begin).as_secs_f64();
                let game_time = last_work.as_secs_f64();
                let render_time = render_ns.load(Ordering::Relaxed) as f64 / 1e9;
                fmetric!(target: "Frame", "DeltaTime", "seconds", delta);
                fmetric!(target: "Frame", "GameThreadTime", "seconds", game_time);
                fmetric!(target: "Frame", "RenderThreadTime", "seconds", render_time);
                last_begin = begin;
            }
        }
        {
            span_scope!("FrameTime");
            { span_scope!("STAT_FEngineLoop_Tick_SlateInput"); spin(Duration::from_micros(50)); }
            {
                span_scope!("GameEngine Tick");
                world_tick(frame, &workers, &done);
                if frame % 10 == 0 {
                    span_scope!("AUDIO UPDATE TIME"); // exact budget names match ASCII-case-insensitively
                } else {
                    span_scope!("Audio Update Time");
                    spin(Duration::from_micros(30));
                }
                { span_scope!("RedrawViewports"); let _ = render.send(frame); }
            }
            { span_scope!("Slate::Tick (Time and Widgets)"); thread::sleep(Duration::from_micros(300)); }
            { span_scope!("Frame Sync Time"); }
        }
        last_work = work_begin.elapsed();
        frame += 1;
    }
}

fn world_tick(frame: u64, workers: &[Sender<u64>], done: &Receiver<()>) {
    span_scope!("World Tick Time");
    { span_scope!("Net Tick Time"); spin(Duration::from_micros(80)); }
    {
        span_scope!("Tick Time");
        {
            span_scope!("TG_PrePhysics");
            for actor in ACTORS {
                span_scope!("FTickFunctionTask");
                {
                    span_scope_named!(_ACTOR, actor);
                    // A blueprint calling a blueprint: nested spans of one budget both count.
                    span_scope!("Blueprint Time");
                    { span_scope!("Blueprint Time"); spin(Duration::from_micros(20)); }
                }
            }
            { span_scope!("BT Tick"); thread::sleep(Duration::from_micros(200)); }
        }
        {
            span_scope!("TG_StartPhysics");
            {
                span_scope!("FStartPhysicsTickFunction_ExecuteTick");
                for w in workers {
                    let _ = w.send(frame);
                }
            }
        }
        {
            span_scope!("TG_EndPhysics");
            {
                span_scope!("Game TaskGraph Stalls");
                for _ in workers {
                    let _ = done.recv();
                }
            }
        }
    }
    { span_scope!("GT Tickable Time"); spin(Duration::from_micros(40)); }
    { span_scope!("UpdateStreamingState Time"); }
    if frame % 400 == 200 {
        span_scope!("ProcessAsyncLoading");
        {
            span_scope!("LoadObject");
            thread::sleep(Duration::from_millis(45)); // a synchronous load: a hitch
        }
    }
    {
        span_scope!("ConditionalCollectGarbage");
        if frame % 240 == 120 {
            span_scope!("CollectGarbageInternal");
            thread::sleep(Duration::from_millis(70)); // a full GC: a hitch
        }
    }
}

fn worker_thread(jobs: Receiver<u64>, done: Sender<()>) {
    while let Ok(frame) = jobs.recv() {
        {
            span_scope!("FPhysicsSolverAdvanceTask");
            {
                span_scope!("ParallelFor");
                thread::sleep(Duration::from_micros(if frame % 97 == 0 { 6000 } else { 900 }));
            }
        }
        for _ in 0..2 {
            span_scope!("FParallelAnimationEvaluationTask");
            spin(Duration::from_micros(60));
        }
        let _ = done.send(());
        // Work after the game thread stopped waiting: may end after the frame does.
        span_scope!("FSimpleDelegateGraphTask.FinishPhysicsSim");
        spin(Duration::from_micros(30));
    }
}

fn render_thread(commands: Receiver<u64>, render_ns: Arc<AtomicU64>) {
    while let Ok(_frame) = commands.recv() {
        let begin = Instant::now();
        { span_scope!("BeginFrame"); }
        {
            // Starts late in game frame N and runs into N+1: the containment rule drops it.
            span_scope!("FDrawSceneCommand");
            {
                span_scope!("RenderViewFamily");
                { span_scope!("Scene::UpdateAllPrimitiveSceneInfos"); spin(Duration::from_micros(100)); }
                {
                    span_scope!("FDeferredShadingSceneRenderer_Render");
                    { span_scope!("InitViews"); thread::sleep(Duration::from_micros(800)); }
                    { span_scope!("FDeferredShadingSceneRenderer_RenderBasePass"); thread::sleep(Duration::from_micros(1500)); }
                }
            }
        }
        { span_scope!("SlateDrawWindowsCommand"); spin(Duration::from_micros(50)); }
        { span_scope!("EndFrame"); }
        render_ns.store(begin.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// Busy work for very short spans (sleeping would overshoot them by far).
fn spin(d: Duration) {
    let end = Instant::now() + d;
    while Instant::now() < end {
        std::hint::spin_loop();
    }
}
