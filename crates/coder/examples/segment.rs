use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    for (i, x) in detente_coder::text::segment(&s).iter().enumerate() {
        println!("{i} {} [{}]", if x.boilerplate { "B" } else { " " }, &s[x.start..x.end]);
    }
}
