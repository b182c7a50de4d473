//! Replays a corpus without instrumentation and compares each block's real time with the weight
//! the runtime accounted for it (one unit of ref-time weight is a picosecond):
//! `cargo run --release -p carechain-fuzz --bin weights-vs-time -- fuzz/corpus/runtime`.
//!
//! Prints the number of inputs and blocks, the real time per weight over all blocks, and the
//! ten blocks with the highest ratio. A ratio above 1 means a block took longer than its weight
//! says, on this machine, natively, with state in memory: the weights (measured in wasm against
//! a database) should leave a wide margin, so anything near 1 is worth a look.

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
	let dir =
		PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "fuzz/corpus/runtime".into()));
	let mut inputs: Vec<PathBuf> =
		std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
	inputs.sort();
	let mut blocks = Vec::new();
	for path in &inputs {
		let data = std::fs::read(path)?;
		let report = carechain_fuzz::execute(&data);
		let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
		blocks.extend(report.blocks.into_iter().map(|b| (name.clone(), b)));
	}
	let nanos: u128 = blocks.iter().map(|(_, b)| b.nanos).sum();
	let weight_ns: u128 = blocks.iter().map(|(_, b)| u128::from(b.weight.ref_time()) / 1_000).sum();
	println!(
		"{} inputs, {} blocks: {:.3} ms real, {:.3} ms of weight, real/weight {:.4}",
		inputs.len(),
		blocks.len(),
		nanos as f64 / 1e6,
		weight_ns as f64 / 1e6,
		nanos as f64 / weight_ns.max(1) as f64
	);
	let ratio = |b: &carechain_fuzz::BlockReport| {
		b.nanos as f64 / (b.weight.ref_time() as f64 / 1_000.0).max(1.0)
	};
	blocks.sort_by(|a, b| ratio(&b.1).total_cmp(&ratio(&a.1)));
	println!("highest real/weight blocks (input, block, steps, real µs, weight µs, ratio):");
	for (name, block) in blocks.iter().take(10) {
		println!(
			"  {name} #{} {} steps: {:.1} µs real, {:.1} µs weight, {:.4}",
			block.number,
			block.steps,
			block.nanos as f64 / 1e3,
			block.weight.ref_time() as f64 / 1e6,
			ratio(block)
		);
	}
	Ok(())
}
