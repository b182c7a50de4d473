//! Writes the seed inputs ([`carechain_fuzz::seeds`]) into a corpus directory, and the
//! libFuzzer dictionary of the callers' account ids (a mutator rarely guesses 32 bytes):
//! `cargo run --release -p carechain-fuzz --bin write-seeds -- fuzz/corpus/runtime fuzz/runtime.dict`.

use std::fmt::Write as _;

fn main() -> std::io::Result<()> {
	let mut args = std::env::args().skip(1);
	let dir = args.next().unwrap_or_else(|| "fuzz/corpus/runtime".into());
	let dictionary = args.next().unwrap_or_else(|| "fuzz/runtime.dict".into());
	std::fs::create_dir_all(&dir)?;
	for (name, bytes) in carechain_fuzz::seeds::seeds() {
		let path = std::path::Path::new(&dir).join(format!("seed-{name}"));
		std::fs::write(&path, bytes)?;
		println!("{}", path.display());
	}
	let mut dict = String::from("# Account ids of the fuzzer's callers (bin write-seeds).\n");
	for (index, account) in carechain_fuzz::accounts::callers().iter().enumerate() {
		let bytes: &[u8] = account.as_ref();
		let escaped = bytes.iter().fold(String::new(), |mut s, b| {
			let _ = write!(s, "\\x{b:02x}");
			s
		});
		let _ = writeln!(dict, "caller_{index}=\"{escaped}\"");
	}
	std::fs::write(&dictionary, dict)?;
	println!("{dictionary}");
	Ok(())
}
