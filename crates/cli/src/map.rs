//! `detente map`: stored events on a world or region map, as SVG.
//!
//! Country outlines are Natural Earth's 1:110m countries (public domain), converted once by
//! `crates/coder/data/places/gen_places.py` into `data/map/countries.tsv` and embedded. The projection is
//! equirectangular (longitude and latitude scaled linearly), which keeps the file small and the points exact
//! to read off. Each place with events is a circle whose area grows with the number of events and whose colour
//! is the quad class most of them have.

use crate::args::{ConfigArg, settings};
use crate::store_cmds::{ActorResolver, DbArg, EventFilterArgs, with_db};
use anyhow::{Context, Result};
use clap::Args;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

const OUTLINES: &str = include_str!("../data/map/countries.tsv");

/// Quad class colours: verbal cooperation, material cooperation, verbal conflict, material conflict.
const QUAD_COLOURS: [&str; 4] = ["#4e9a06", "#2c7bb6", "#f4a11b", "#d7191c"];
const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

#[derive(Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    /// Where to write the SVG.
    #[arg(long, short, default_value = "map.svg", value_name = "FILE")]
    pub out: PathBuf,
    /// The area shown: `world`, `auto` (the events' extent, with a margin) or a box
    /// `SOUTH,WEST,NORTH,EAST` in degrees (e.g. 44,22,53,41 for Ukraine).
    #[arg(long, default_value = "auto", value_name = "AREA")]
    pub region: String,
    /// Width of the image in pixels (the height follows the area).
    #[arg(long, default_value_t = 1200, value_name = "PX")]
    pub width: u32,
    #[command(flatten)]
    pub config: ConfigArg,
}

/// A box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Area {
    const WORLD: Area = Area {
        south: -60.0,
        west: -180.0,
        north: 85.0,
        east: 180.0,
    };

    fn parse(text: &str, points: &[(f64, f64)]) -> Result<Area> {
        match text {
            "world" => Ok(Area::WORLD),
            "auto" => Ok(Area::around(points)),
            _ => {
                let v: Vec<f64> = text
                    .split(',')
                    .map(|s| s.trim().parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| {
                        crate::fail::usage(format!(
                            "--region {text:?}: expected world, auto or SOUTH,WEST,NORTH,EAST"
                        ))
                    })?;
                let [south, west, north, east] = v[..] else {
                    return Err(crate::fail::usage(format!(
                        "--region {text:?}: expected four numbers SOUTH,WEST,NORTH,EAST"
                    )));
                };
                let lat_ok = |v: f64| (-90.0..=90.0).contains(&v);
                let lon_ok = |v: f64| (-180.0..=180.0).contains(&v);
                let valid =
                    south < north && west < east && lat_ok(south) && lat_ok(north) && lon_ok(west) && lon_ok(east);
                if !valid {
                    return Err(crate::fail::usage(format!(
                        "--region {text:?}: south < north within ±90 and west < east within ±180"
                    )));
                }
                Ok(Area {
                    south,
                    west,
                    north,
                    east,
                })
            }
        }
    }

    /// The points' extent with a margin of a fifth (at least 4°), or the world when there are none.
    fn around(points: &[(f64, f64)]) -> Area {
        if points.is_empty() {
            return Area::WORLD;
        }
        let (mut s, mut w, mut n, mut e) = (90.0f64, 180.0f64, -90.0f64, -180.0f64);
        for &(lat, lon) in points {
            s = s.min(lat);
            n = n.max(lat);
            w = w.min(lon);
            e = e.max(lon);
        }
        let my = ((n - s) / 5.0).max(4.0);
        let mx = ((e - w) / 5.0).max(4.0);
        Area {
            south: (s - my).max(-90.0),
            west: (w - mx).max(-180.0),
            north: (n + my).min(90.0),
            east: (e + mx).min(180.0),
        }
    }
}

/// One place on the map: its events per quad class.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spot {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub quads: [usize; 4],
}

impl Spot {
    fn count(&self) -> usize {
        self.quads.iter().sum()
    }

    fn main_quad(&self) -> usize {
        (0..4)
            .max_by_key(|&q| (self.quads[q], std::cmp::Reverse(q)))
            .unwrap_or(0)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG of `spots` on `area`, `width` pixels wide.
pub fn render_svg(spots: &[Spot], area: Area, width: u32, title: &str) -> String {
    let w = f64::from(width);
    let scale = w / (area.east - area.west);
    let h = ((area.north - area.south) * scale).round().max(1.0);
    let x = |lon: f64| (lon - area.west) * scale;
    let y = |lat: f64| (area.north - lat) * scale;
    let mut svg = String::with_capacity(200_000);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif">
<title>{}</title>
<rect width="100%" height="100%" fill="#dfeef7"/>
<g fill="#f7f5ef" stroke="#9a9a9a" stroke-width="0.6">
"##,
        escape(title)
    );
    for line in OUTLINES.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(iso3), Some(name), Some(rings)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if iso3 == "ATA" {
            continue; // Antarctica: off the map's south edge, and its outline spans the antimeridian.
        }
        let mut d = String::new();
        for ring in rings.split('|') {
            let mut previous: Option<f64> = None;
            let mut broken = false;
            for pt in ring.split(' ') {
                let Some((lon, lat)) = pt.split_once(',') else { continue };
                let (Ok(lon), Ok(lat)) = (lon.parse::<f64>(), lat.parse::<f64>()) else {
                    continue;
                };
                // A ring that crosses the antimeridian jumps across the map: lift the pen there.
                let jump = previous.is_some_and(|p| (lon - p).abs() > 180.0);
                broken |= jump;
                let pen = if previous.is_none() || jump { "M" } else { "L" };
                let _ = write!(d, "{pen}{:.1},{:.1}", x(lon.clamp(-180.0, 180.0)), y(lat));
                previous = Some(lon);
            }
            if !broken {
                d.push('Z');
            }
        }
        let _ = writeln!(
            svg,
            r#"<path d="{d}"><title>{} {}</title></path>"#,
            escape(name),
            escape(iso3)
        );
    }
    svg.push_str("</g>\n<g stroke=\"#333\" stroke-width=\"0.7\" fill-opacity=\"0.75\">\n");
    let most = spots.iter().map(Spot::count).max().unwrap_or(1).max(1) as f64;
    // Big circles first so small ones stay visible on top.
    let mut order: Vec<&Spot> = spots.iter().collect();
    order.sort_by(|a, b| b.count().cmp(&a.count()).then(a.name.cmp(&b.name)));
    for s in order {
        if s.lat < area.south || s.lat > area.north || s.lon < area.west || s.lon > area.east {
            continue;
        }
        let r = 3.0 + 22.0 * (s.count() as f64 / most).sqrt();
        let q = s.main_quad();
        let _ = writeln!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{}"><title>{}: {} events ({} / {} / {} / {})</title></circle>"#,
            x(s.lon),
            y(s.lat),
            QUAD_COLOURS[q],
            escape(&s.name),
            s.count(),
            s.quads[0],
            s.quads[1],
            s.quads[2],
            s.quads[3]
        );
    }
    svg.push_str("</g>\n<g font-size=\"12\">\n");
    let _ = writeln!(
        svg,
        r##"<rect x="8" y="8" width="190" height="92" fill="#fff" fill-opacity="0.85" stroke="#999"/>"##
    );
    for (i, (colour, name)) in QUAD_COLOURS.iter().zip(QUAD_NAMES).enumerate() {
        let cy = 24.0 + 18.0 * i as f64;
        let _ = writeln!(
            svg,
            r#"<circle cx="20" cy="{cy}" r="6" fill="{colour}"/><text x="32" y="{}">{name}</text>"#,
            cy + 4.0
        );
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// Events grouped by place (name and point), in name order.
fn spots(store: &detente_store::Store, query: &detente_store::EventQuery) -> Result<(Vec<Spot>, usize)> {
    let mut by_place: BTreeMap<(String, i64, i64), Spot> = BTreeMap::new();
    let mut unplaced = 0;
    store.for_each_event(query, |e| {
        let Some((l, lat, lon)) = e.location.as_ref().and_then(|l| Some((l, l.lat?, l.lon?))) else {
            unplaced += 1;
            return Ok(());
        };
        let key = (l.name.clone(), (lat * 1e3).round() as i64, (lon * 1e3).round() as i64);
        let spot = by_place.entry(key).or_insert_with(|| Spot {
            name: l.name.clone(),
            lat,
            lon,
            quads: [0; 4],
        });
        let q = usize::from(e.quad_class.clamp(1, 4)) - 1;
        spot.quads[q] += 1;
        Ok(())
    })?;
    Ok((by_place.into_values().collect(), unplaced))
}

pub fn run(mut args: MapArgs) -> Result<ExitCode> {
    if args.width < 100 || args.width > 20_000 {
        return Err(crate::fail::usage(format!(
            "--width {}: expected 100 to 20000 pixels",
            args.width
        )));
    }
    // A bad --region is a usage error before the database is opened.
    Area::parse(&args.region, &[])?;
    let settings = settings(&args.config, None, None, None)?;
    with_db(&mut args.db, &settings);
    let query = args.filter.to_query(&mut ActorResolver::new(&settings))?;
    let store = args.db.open_for_queries()?;
    let (spots, unplaced) = spots(&store, &query)?;
    let points: Vec<(f64, f64)> = spots.iter().map(|s| (s.lat, s.lon)).collect();
    let area = Area::parse(&args.region, &points)?;
    let placed: usize = spots.iter().map(Spot::count).sum();
    let title = format!("detente: {placed} events at {} places", spots.len());
    let svg = render_svg(&spots, area, args.width, &title);
    std::fs::write(&args.out, svg).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "detente: wrote {} ({placed} events at {} places; {unplaced} events without a place are not shown)",
        args.out.display(),
        spots.len()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(name: &str, lat: f64, lon: f64, quads: [usize; 4]) -> Spot {
        Spot {
            name: name.into(),
            lat,
            lon,
            quads,
        }
    }

    #[test]
    fn circles_grow_with_counts_and_take_the_main_quad_colour() {
        let spots = [
            spot("Kyiv", 50.45, 30.52, [0, 0, 1, 8]),
            spot("Lviv", 49.84, 24.03, [2, 0, 0, 0]),
        ];
        let svg = render_svg(&spots, Area::WORLD, 1000, "t");
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        let circle = |name: &str| {
            svg.lines()
                .find(|l| l.starts_with("<circle") && l.contains(&format!("<title>{name}:")))
                .unwrap()
                .to_string()
        };
        let radius = |c: &str| -> f64 {
            c.split("r=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let (kyiv, lviv) = (circle("Kyiv"), circle("Lviv"));
        assert!(radius(&kyiv) > radius(&lviv));
        assert!(kyiv.contains(QUAD_COLOURS[3]) && lviv.contains(QUAD_COLOURS[0]));
        // Equirectangular: Kyiv at x = (30.52 + 180) * 1000 / 360.
        assert!(kyiv.contains("cx=\"584.8\""), "{kyiv}");
        // Country outlines are drawn, with their names.
        assert!(svg.matches("<path").count() > 150);
        assert!(svg.contains("<title>Ukraine UKR</title>"));
    }

    #[test]
    fn areas_parse_and_fit_the_points() {
        assert_eq!(Area::parse("world", &[]).unwrap(), Area::WORLD);
        let a = Area::parse("44,22,53,41", &[]).unwrap();
        assert_eq!((a.south, a.east), (44.0, 41.0));
        assert!(Area::parse("53,22,44,41", &[]).is_err());
        assert!(Area::parse("1,2,3", &[]).is_err());
        // Every malformed region is a usage error (exit status 2), not a failure.
        for bad in ["narnia", "1,2,3", "53,22,44,41"] {
            let err = Area::parse(bad, &[]).unwrap_err();
            assert_eq!(
                format!("{:?}", crate::fail::exit_code(&err)),
                format!("{:?}", ExitCode::from(2)),
                "{bad}"
            );
        }
        let auto = Area::parse("auto", &[(50.0, 30.0), (48.0, 37.0)]).unwrap();
        assert!(auto.south < 48.0 && auto.north > 50.0 && auto.west < 30.0 && auto.east > 37.0);
        // Points outside the area are left out.
        let svg = render_svg(&[spot("Lima", -12.0, -77.0, [1, 0, 0, 0])], a, 500, "t");
        assert!(!svg.contains("Lima"));
    }
}
