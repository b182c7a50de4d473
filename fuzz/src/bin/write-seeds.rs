//! Writes the seed inputs ([`carechain_fuzz::seeds`]) into a corpus directory:
//! `cargo run --release -p carechain-fuzz --bin write-seeds -- fuzz/corpus/runtime`.

fn main() -> std::io::Result<()> {
	let dir = std::env::args().nth(1).unwrap_or_else(|| "fuzz/corpus/runtime".into());
	std::fs::create_dir_all(&dir)?;
	for (name, bytes) in carechain_fuzz::seeds::seeds() {
		let path = std::path::Path::new(&dir).join(format!("seed-{name}"));
		std::fs::write(&path, bytes)?;
		println!("{}", path.display());
	}
	Ok(())
}
